/**
 * English function words, optionally dropped by the tokenizer. Negators and intensifiers are left out on
 * purpose (unlike general-purpose lists such as scikit-learn's): "not", "very", "too" carry sentiment.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or of to in on at by for from with as into onto about above below over under between through ' +
    'during before after again further then once here there when where why how all any both each few more most ' +
    'other some such own same so than s t can will just should now i me my myself we our ours ourselves you your ' +
    'yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs ' +
    'themselves what which who whom this that these those am is are was were be been being have has had having ' +
    "do does did doing would could 's 're 've 'll 'm 'd if because until while up down out off"
  ).split(' '),
);

/** The VADER lexicon as the vader-sentiment package ships it (an ES module without type declarations). */
declare module 'vader-sentiment/src/vader_lexicon.js' {
  export const lexicon: Readonly<Record<string, number>>;
}

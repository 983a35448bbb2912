import { defineFamily } from './define';

/** Lexicon sentiment (VADER rules, models/text/lexicon.ts): trains nothing, maps its score to the target's sentiment labels. */
export const lexicon = defineFamily({
  id: 'lexicon',
  label: 'Sentiment lexicon (no training)',
  description: 'Scores each text with a sentiment lexicon and its rules; for targets labelled negative/positive (or neutral). A baseline trained models should beat.',
  tasks: ['binary', 'multiclass'],
  input: 'text',
  params: {
    neutralBand: { kind: 'float', label: 'Neutral band', help: 'Scores within ± this are neutral; a two-class target counts scores from it up as positive.', default: 0.05, min: 0, max: 0.9, step: 0.01, form: true, sweep: { lo: 0, hi: 0.4 } },
    sharpness: { kind: 'float', label: 'Sharpness', help: 'How steeply a score turns into a probability (logit = sharpness × distance past the band).', default: 5, min: 0, minOpen: true, max: 100, step: 0.5, sweep: { lo: 1, hi: 20, log: true } },
  },
  searchFirst: ['neutralBand'],
  progressTotal: () => 1,
});

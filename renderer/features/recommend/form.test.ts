import { describe, expect, it } from 'vitest';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { recommendArgs } from '../../../shared/api/methods/recommend';
import { RECOMMEND_MODEL_IDS, RECOMMEND_MODEL_SPECS, recommendDefaults } from '../../../shared/families/recommend';
import { emptyRecommendForm, looksLikeInteractions, parseWeights, proposeRoles, RECOMMEND_PARAMS, splitBlocked, toRecommendArgs, validateRecommend, weightsFor, withRecommendRole, type RecommendForm } from './form';

const col = (name: string, type: ColumnDto['type'], position = 0): ColumnDto => ({ name, type, position, missing: 0 });
const goodbooks = [col('user_id', 'integer', 0), col('book_id', 'integer', 1), col('rating', 'integer', 2)];
const events = [col('visitor', 'categorical', 0), col('hotel', 'categorical', 1), col('action', 'categorical', 2), col('when', 'datetime', 3)];
const filled = (p: Partial<RecommendForm> = {}): RecommendForm => ({ ...emptyRecommendForm('ds'), user: 'user_id', item: 'book_id', feedback: 'rating', rating: 'rating', ...p });

describe('recommender form', () => {
  it('reads roles from column names and types', () => {
    expect(proposeRoles(goodbooks)).toEqual({ user: 'user_id', item: 'book_id', feedback: 'rating', rating: 'rating', event: '', count: '', time: '' });
    expect(proposeRoles(events)).toMatchObject({ user: 'visitor', item: 'hotel', feedback: 'event', event: 'action', time: 'when' });
    expect(looksLikeInteractions(goodbooks)).toBe(true);
    expect(looksLikeInteractions([col('price', 'float'), col('rooms', 'integer'), col('city', 'categorical')])).toBe(false);
  });

  it('offers each model’s form parameters from its schema, at their defaults', () => {
    for (const m of RECOMMEND_MODEL_IDS) {
      const formKeys = Object.entries(RECOMMEND_MODEL_SPECS[m].params).filter(([, s]) => (s as { form?: boolean }).form).map(([k]) => k);
      expect(RECOMMEND_PARAMS[m].map((p) => p.key)).toEqual(formKeys);
    }
    const mf = Object.fromEntries(RECOMMEND_PARAMS.mf.map((p) => [p.key, p.value]));
    expect(Number(mf.factors)).toBe(recommendDefaults('mf').factors);
  });

  it('turns a filled form into arguments the contract accepts', () => {
    const args = toRecommendArgs(filled({ time: '', k: '5' }));
    expect(recommendArgs.parse(args)).toMatchObject({ dataset: 'ds', user: 'user_id', item: 'book_id', rating: 'rating', model: 'mf', split: 'random', k: 5 });
    expect(args).not.toHaveProperty('event');
    const ev = toRecommendArgs(filled({ feedback: 'event', rating: '', event: 'action', weights: [{ event: 'view', weight: '1' }, { event: 'booking', weight: '5' }] }));
    expect(ev).toMatchObject({ event: 'action', weights: { view: 1, booking: 5 } });
    expect(ev).not.toHaveProperty('rating');
    expect(recommendArgs.safeParse(ev).success).toBe(true);
  });

  it('names the field at fault', () => {
    expect(validateRecommend(filled())).toEqual({});
    expect(validateRecommend(filled({ user: '' }))).toHaveProperty('user');
    expect(validateRecommend(filled({ item: 'user_id' }))).toHaveProperty('item');
    expect(validateRecommend(filled({ feedback: 'event', event: 'action', weights: [] }))).toHaveProperty('weights');
    expect(validateRecommend(filled({ feedback: 'event', event: 'action', weights: [{ event: 'view', weight: 'x' }] })).weights).toContain('view');
    expect(validateRecommend(filled({ k: '21' }))).toHaveProperty('k');
    expect(validateRecommend(filled({ params: { ...filled().params, mf: { ...filled().params.mf, factors: '0' } } }))).toHaveProperty(['params.factors']);
    expect(validateRecommend(filled({ model: 'content' }))).toHaveProperty('itemFeatures');
    expect(validateRecommend(filled({ itemFeatures: 'books' }))).toHaveProperty('itemKey');
    expect(validateRecommend(filled({ split: 'test' }))).toHaveProperty('testDataset');
  });

  it('needs a time column for the last and time splits', () => {
    expect(splitBlocked('last', { time: '' })).toMatch(/time column/);
    expect(splitBlocked('time', { time: 'ts' })).toBeNull();
    expect(validateRecommend(filled({ split: 'last' })).split).toMatch(/time column/);
    // Dropping the time column falls back to the random split.
    expect(withRecommendRole(filled({ time: 'ts', split: 'time' }), 'time', '').split).toBe('random');
  });

  it('keeps one role per column', () => {
    const f = withRecommendRole(filled(), 'item', 'user_id');
    expect(f).toMatchObject({ item: 'user_id', user: '' });
  });

  it('prefills event weights at 1 and keeps typed ones', () => {
    expect(weightsFor(['view', 'booking'])).toEqual([{ event: 'view', weight: '1' }, { event: 'booking', weight: '1' }]);
    expect(weightsFor(['view', 'booking'], [{ event: 'booking', weight: '5' }])[1].weight).toBe('5');
    expect(parseWeights('view = 1, booking = 5')).toEqual([{ event: 'view', weight: '1' }, { event: 'booking', weight: '5' }]);
    expect(parseWeights('view 1')).toMatch(/not “event = weight”/);
  });
});

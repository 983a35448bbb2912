import { describe, expect, it } from 'vitest';
import type { ExplorerInputDto } from '../../../shared/api/methods/explorer';
import { defaultDraft, draftFromValues, fieldProblem, outsideRange, sliderValue, toRow } from './form-values';

const input = (column: string, kind: ExplorerInputDto['kind'], p: Partial<ExplorerInputDto> = {}): ExplorerInputDto => ({
  column, kind, min: null, max: null, median: null, step: null, categories: null, default: null, missing: 0, ...p,
});

const rooms = input('rooms', 'numeric', { min: 1, max: 10, median: 4, step: 1, default: 4 });
const sold = input('sold', 'date', { min: Date.UTC(2020, 0, 1), max: Date.UTC(2021, 0, 1), default: Date.UTC(2020, 6, 1, 13) });
const city = input('city', 'categorical', { categories: ['Paris', 'Lyon'], default: 'Paris' });
const note = input('note', 'text', { default: null });
const inputs = [rooms, sold, city, note];

describe('the what-if form', () => {
  it('starts from the defaults, dates as days', () => {
    expect(defaultDraft(inputs)).toEqual({ rooms: '4', sold: '2020-07-01', city: 'Paris', note: null });
  });

  it('turns the draft into a request row', () => {
    const { row, problems } = toRow(inputs, { rooms: '7.5', sold: '2020-02-03', city: 'Lyon', note: null });
    expect(problems).toEqual([]);
    expect(row).toEqual({ rooms: 7.5, sold: Date.UTC(2020, 1, 3), city: 'Lyon', note: null });
  });

  it('names fields that cannot be sent, and sends missing as null', () => {
    const { row, problems } = toRow(inputs, { rooms: '', sold: 'soon', city: null, note: 'hi' });
    expect(problems).toEqual(['rooms', 'sold']);
    expect(row).toEqual({ city: null, note: 'hi' });
    expect(fieldProblem(rooms, 'abc')).toMatch(/number/);
    expect(fieldProblem(rooms, null)).toBeNull();
  });

  it('flags values outside the training range but allows them', () => {
    expect(outsideRange(rooms, '11')).toBe(true);
    expect(outsideRange(rooms, '0.5')).toBe(true);
    expect(outsideRange(rooms, '10')).toBe(false);
    expect(outsideRange(rooms, null)).toBe(false);
    expect(outsideRange(sold, '2019-12-31')).toBe(true);
    expect(outsideRange(city, 'Nice')).toBe(false);
    expect(toRow([rooms], { rooms: '11' }).problems).toEqual([]);
  });

  it('keeps the slider inside its track', () => {
    expect(sliderValue(rooms, '50')).toBe(10);
    expect(sliderValue(rooms, '-3')).toBe(1);
    expect(sliderValue(rooms, '6')).toBe(6);
    expect(sliderValue(rooms, null)).toBe(4);
  });

  it('fills every field from a picked dataset row, and sends that row back unchanged', () => {
    const flag = input('flag', 'boolean', { categories: ['true', 'false'], default: 'true' });
    const values = { rooms: 7, sold: Date.UTC(2020, 2, 14), city: 'Lyon', note: null, flag: 'false' };
    const draft = draftFromValues([...inputs, flag], values);
    expect(draft).toEqual({ rooms: '7', sold: '2020-03-14', city: 'Lyon', note: null, flag: 'false' });
    expect(toRow([...inputs, flag], draft)).toEqual({ row: values, problems: [] });
    // An input the row lacks is missing, not left at its old value.
    expect(draftFromValues(inputs, { rooms: 2.5 })).toEqual({ rooms: '2.5', sold: null, city: null, note: null });
  });
});

import { describe, expect, it } from 'vitest';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import type { ForecastDetectionDto } from '../../../shared/api/forecast-dto';
import { forecastArgs } from '../../../shared/api/methods/forecast';
import { FORECAST_MODEL_IDS, FORECAST_MODEL_SPECS, forecastDefaults } from '../../../shared/families/forecast';
import { emptyForecastForm, MODEL_PARAMS, proposeTarget, proposeTime, toDetectArgs, toStartArgs, validateForecast, withRole, type ForecastForm } from './form';
import { startBlocker } from './store';

const col = (name: string, type: ColumnDto['type'], position = 0): ColumnDto => ({ name, type, position, missing: 0 });
const airline = [col('Month', 'date', 0), col('Passengers', 'integer', 1)];
const filled = (p: Partial<ForecastForm> = {}): ForecastForm => ({ ...emptyForecastForm('ds'), time: 'Month', target: 'Passengers', horizon: '36', ...p });

const detection: ForecastDetectionDto = {
  frequency: 'monthly',
  series: [{ id: 'all', points: 144, start: 0, end: 1, gaps: 0, missing: 0, duplicates: 0 }],
  gaps: [],
  duplicates: [],
  duplicateRule: 'error',
  seasonalPeriods: [12],
  minSeasons: 12,
  notes: [],
};

describe('new forecast form', () => {
  it('proposes the date column as time and the only number as target', () => {
    expect(proposeTime(airline)).toBe('Month');
    expect(proposeTarget(airline)).toBe('Passengers');
    expect(proposeTarget([...airline, col('Price', 'float', 2)])).toBe('');
  });

  it('turns the defaults into arguments forecast.start accepts', () => {
    const f = filled();
    expect(validateForecast(f, airline)).toEqual({});
    const args = toStartArgs(f);
    expect(args).toMatchObject({ dataset: 'ds', time: 'Month', target: 'Passengers', horizon: 36, model: 'auto', levels: [80, 95], covariates: [], futureCovariates: [], duplicates: 'error' });
    expect(args.season).toBeUndefined();
    expect(() => forecastArgs.parse(args)).not.toThrow();
  });

  it('shows each model’s form parameters at its schema’s defaults, and they parse back to them', () => {
    for (const m of FORECAST_MODEL_IDS) {
      const formKeys = Object.entries(FORECAST_MODEL_SPECS[m].params).filter(([, s]) => (s as { form?: boolean }).form).map(([k]) => k);
      expect(MODEL_PARAMS[m].map((p) => p.key)).toEqual(formKeys);
      const args = toStartArgs(filled({ model: m }));
      const defaults = forecastDefaults(m) as Record<string, unknown>;
      for (const p of MODEL_PARAMS[m]) expect(String(args.params?.[p.key])).toBe(Array.isArray(defaults[p.key]) ? (defaults[p.key] as number[]).join(',') : String(defaults[p.key]));
      expect(validateForecast(filled({ model: m }), airline)).toEqual({});
    }
  });

  it('names the column when a role gets the wrong type, and checks ranges', () => {
    const cols = [...airline, col('note', 'text', 2)];
    expect(validateForecast(filled({ target: 'note' }), cols).target).toMatch(/“note” is a text column; a forecast target must be numeric/);
    expect(validateForecast(filled({ time: 'Passengers' }), cols).time).toMatch(/“Passengers” is an integer column; the time column must hold dates/);
    const e = validateForecast(filled({ horizon: '0', seasons: '12, x', levels: '80, 100', params: { ...emptyForecastForm().params, auto: { combine: '9' } } }), cols);
    expect(e).toMatchObject({ horizon: 'A whole number from 1 to 100,000', season: '“x” is not a number', levels: 'Each level is a percentage between 0 and 100', 'params.combine': 'Must be at most 7' });
    expect(validateForecast(filled({ seasons: '1' }), cols).season).toMatch(/more than 1 step/);
  });

  it('sends seasons, levels, covariates by kind, events and the test dataset with its refit rule', () => {
    const f = filled({ model: 'gbdt', seasons: '7, 365.25', levels: '50 90', covariates: { price: 'future', visits: 'past' }, events: 'holiday', testDataset: 'later', refit: 'n', refitEvery: '3', duplicates: 'sum', series: 'store' });
    const args = toStartArgs(f);
    expect(args).toMatchObject({ season: [7, 365.25], levels: [50, 90], covariates: ['visits'], futureCovariates: ['price'], events: 'holiday', testDataset: 'later', refit: 3, duplicates: 'sum', series: 'store' });
    expect(() => forecastArgs.parse(args)).not.toThrow();
    // Models that read only their own history get no covariates.
    expect(toStartArgs({ ...f, model: 'ets' })).toMatchObject({ covariates: [], futureCovariates: [] });
    expect(toDetectArgs(f)).toEqual({ dataset: 'ds', time: 'Month', target: 'Passengers', series: 'store', duplicates: 'sum' });
    expect(toDetectArgs({ ...f, target: '' })).toBeNull();
  });

  it('moves a column out of its old role when it takes a new one', () => {
    const f = withRole(filled({ covariates: { store: 'past' } }), 'series', 'store');
    expect(f.series).toBe('store');
    expect(f.covariates).toEqual({});
    expect(withRole(f, 'target', 'store')).toMatchObject({ target: 'store', series: '' });
  });
});

describe('why Start is disabled', () => {
  const base = { form: filled(), columns: airline, columnsFor: 'ds', columnsError: null, detection, detectionFor: JSON.stringify(toDetectArgs(filled())), detecting: false, detectError: null };

  it('is enabled once detection answered for the current choices', () => {
    expect(startBlocker(base)).toBeNull();
  });

  it('says what is missing or wrong, naming the column', () => {
    expect(startBlocker({ ...base, columnsFor: null })).toMatch(/Reading/);
    expect(startBlocker({ ...base, form: filled({ time: '' }) })).toBe('Choose the time column.');
    expect(startBlocker({ ...base, form: filled({ time: '' }), columns: [col('Passengers', 'integer')] })).toMatch(/no date column/);
    expect(startBlocker({ ...base, form: filled({ target: 'Month' }) })).toMatch(/“Month” is a date column/);
    expect(startBlocker({ ...base, detecting: true })).toMatch(/Checking/);
    expect(startBlocker({ ...base, form: filled({ series: 'x' }) })).toMatch(/Checking/);
    expect(startBlocker({ ...base, detectError: 'Column “Month” has 3 dates that do not parse' })).toBe('Cannot forecast these columns: Column “Month” has 3 dates that do not parse');
    const dup = { ...detection, duplicates: [{ series: 'all', timestamp: 0, count: 2 }] };
    expect(startBlocker({ ...base, detection: dup })).toBe('1 time point has several rows: choose how to combine them.');
    expect(startBlocker({ ...base, detection: { ...dup, duplicateRule: 'sum' } })).toBeNull();
  });
});

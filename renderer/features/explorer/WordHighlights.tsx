import { useMemo } from 'react';
import type { ExplorerSchemaDto, TextExplanationDto } from '../../../shared/api/methods/explorer';
import { useUi } from '../../app/ui-store';
import { formatValue } from './explain';
import { edgeColour, HIGHLIGHT, highlightColour, highlightSegments, largestContribution, signed, type HighlightSegment } from './text-highlight';
import { useExplorer } from './store';
import { ExplainClassSelect } from './ExplainClassSelect';

/** Words pushing less than this share of the largest get no edge: it would make them look as telling as the rest. */
const EDGE_SHARE = 0.15;
const marked = (contribution: number, largest: number) => contribution !== 0 && Math.abs(contribution) >= EDGE_SHARE * largest;

/** Words listed in the table, largest |contribution| first. */
const TABLE_ROWS = 40;

function summary(e: TextExplanationDto, schema: ExplorerSchemaDto) {
  const out = <strong>{e.output}</strong>;
  if (e.method === 'lexicon') {
    return (
      <>
        Each word’s valence in the sentiment lexicon after its rules (negation, intensifiers, capitals, “but”), as its share of the compound score{' '}
        <strong className="mono">{formatValue(e.value)}</strong> (−1 to 1, <strong>{e.output}</strong>).
      </>
    );
  }
  if (e.method === 'coefficient') {
    return (
      <>
        Each word’s weight in the model times its value in this text, on the {e.space === 'log-odds' ? 'log-odds' : 'softmax logit'} of {out}. With the intercept{' '}
        <strong className="mono">{formatValue(e.intercept ?? 0)}</strong> they add up to <strong className="mono">{formatValue(e.value)}</strong>.
      </>
    );
  }
  return (
    <>
      How much the {e.space === 'value' ? <>predicted {schema.target}</> : <>probability of {out}</>} (
      <strong className="mono">{formatValue(e.value)}</strong>) falls when the word is blanked out.
    </>
  );
}

/** What red and blue mean for this explanation. */
function directions(e: TextExplanationDto): { up: string; down: string } {
  if (e.method === 'lexicon') return { up: 'more positive', down: 'more negative' };
  return e.space === 'value' ? { up: `raises ${e.output}`, down: `lowers ${e.output}` } : { up: `towards ${e.output}`, down: `away from ${e.output}` };
}

function Legend({ e, largest }: { e: TextExplanationDto; largest: number }) {
  const theme = useUi((s) => s.theme);
  const { up, down } = directions(e);
  const h = HIGHLIGHT[theme];
  return (
    <div className="text-legend" data-testid="text-legend">
      <span className="text-legend-end">
        {down} <span className="mono">{signed(-largest)}</span>
      </span>
      <span className="text-legend-bar" aria-hidden style={{ background: `linear-gradient(to right, ${h.down}, ${highlightColour(0, 1, theme)}, ${h.up})` }} />
      <span className="text-legend-end">
        <span className="mono">{signed(largest)}</span> {up}
      </span>
    </div>
  );
}

function Highlighted({ segments, largest }: { segments: HighlightSegment[]; largest: number }) {
  const theme = useUi((s) => s.theme);
  return (
    <p className="text-highlights" data-testid="text-highlights">
      {segments.map((s) =>
        s.word ? (
          <mark
            key={s.start}
            className={`text-word ${s.word.contribution > 0 ? 'up' : s.word.contribution < 0 ? 'down' : 'zero'}`}
            style={{ background: highlightColour(s.word.contribution, largest, theme), borderBottomColor: marked(s.word.contribution, largest) ? edgeColour(s.word.contribution, theme) : 'transparent' }}
            title={`${s.word.tokens.join(' + ')}: ${signed(s.word.contribution)}${s.word.valence !== null ? ` (valence ${signed(s.word.valence)})` : ''}`}
            data-start={s.start}
            data-end={s.end}
            data-contribution={s.word.contribution}
          >
            {s.text}
          </mark>
        ) : (
          <span key={s.start}>{s.text}</span>
        ),
      )}
    </p>
  );
}

/** The explained text with each word coloured by its push on the prediction, a legend, and the same numbers as a table. */
export function WordHighlights() {
  const schema = useExplorer((s) => s.schema);
  const e = useExplorer((s) => s.result?.textExplanations?.[0] ?? null);
  const row = useExplorer((s) => s.resultRow);
  const setExplainClass = useExplorer((s) => s.setExplainClass);
  const sent = e ? row?.[e.column] : null;
  const text = typeof sent === 'string' ? sent : '';
  const segments = useMemo(() => (e ? highlightSegments(text, e.tokens) : []), [e, text]);
  const largest = largestContribution(segments);
  const listed = useMemo(
    () => segments.filter((s) => s.word && s.word.contribution !== 0).sort((a, b) => Math.abs(b.word!.contribution) - Math.abs(a.word!.contribution)),
    [segments],
  );
  if (!schema) return null;
  const lexicon = e?.method === 'lexicon';

  return (
    <section className="explorer-block word-highlights" aria-labelledby="words-title" data-testid="word-highlights">
      <div className="explorer-block-head">
        <h3 id="words-title" className="run-section-title">
          Word by word
        </h3>
        {schema.task === 'multiclass' && schema.classes && !lexicon && (
          <ExplainClassSelect classes={schema.classes} />
        )}
      </div>
      {!e ? (
        <p className="muted small-note">The words are coloured once the prediction arrives.</p>
      ) : (
        <>
          <p className="small-note muted" data-testid="words-summary">
            {summary(e, schema)}
          </p>
          {text.trim() === '' ? (
            <p className="muted">Type a text to see its words.</p>
          ) : (
            <Highlighted segments={segments} largest={largest} />
          )}
          {largest > 0 && <Legend e={e} largest={largest} />}
          {listed.length > 0 && (
            <div className="table-scroll text-contrib-scroll">
              <table className="table text-contrib-table" data-testid="text-contributions">
                <caption className="muted small-note">Each word’s contribution, largest first{listed.length > TABLE_ROWS ? ` (the first ${TABLE_ROWS} of ${listed.length})` : ''}</caption>
                <thead>
                  <tr>
                    <th scope="col">Word</th>
                    <th scope="col">As the model read it</th>
                    {lexicon && <th scope="col" className="num">Valence</th>}
                    <th scope="col" className="num">Contribution</th>
                  </tr>
                </thead>
                <tbody>
                  {listed.slice(0, TABLE_ROWS).map((s) => (
                    <tr key={s.start} data-word={s.text}>
                      <th scope="row">{s.text}</th>
                      <td className="mono">{s.word!.tokens.join(' + ')}</td>
                      {lexicon && <td className="num mono">{s.word!.valence === null ? '' : signed(s.word!.valence)}</td>}
                      <td className="num mono">{signed(s.word!.contribution)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

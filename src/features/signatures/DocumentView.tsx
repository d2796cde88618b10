import './review.css';
import type { CSSProperties } from 'react';
import type { Block, DocumentModel, SignatureBlock, TextBlock } from '../../documents/model';

/*
 * A document model (documents/model.ts) as HTML, for reading on screen what will print: the
 * same blocks in the same order as the PDF, laid out simply — the header on top, the
 * organisation's column on the left of the text when there is one. Text is plain; React escapes it.
 */
export function DocumentView({ model, label, scroll = false }: { model: DocumentModel; label: string; scroll?: boolean }) {
  const header = model.blocks.filter((b) => b.region === 'header');
  const aside = model.blocks.filter((b) => b.region === 'aside');
  const main = model.blocks.filter((b) => b.region === 'main');
  return (
    // A long document may scroll in its own frame (then it takes the focus, for the keyboard).
    <article className={scroll ? 'paper rv-doc rv-doc-scroll' : 'paper rv-doc'} aria-label={label} tabIndex={scroll ? 0 : undefined}>
      {header.length > 0 && <div className="rv-doc-header">{header.map(renderBlock)}</div>}
      <div className={aside.length > 0 ? 'rv-doc-body rv-doc-with-aside' : 'rv-doc-body'}>
        {aside.length > 0 && <div className="rv-doc-aside">{aside.map(renderBlock)}</div>}
        <div className="rv-doc-main">{main.map(renderBlock)}</div>
      </div>
    </article>
  );
}

function renderBlock(block: Block, i: number) {
  switch (block.kind) {
    case 'text':
      return <TextView key={i} block={block} />;
    case 'table':
      return (
        <table key={i} className="rv-doc-table" style={gap(block.gapBefore)}>
          <thead>
            <tr>
              {block.columns.map((c, j) => (
                <th key={j} scope="col" style={{ width: `${Math.round(c.width * 100)}%`, textAlign: c.align ?? 'left' }}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, j) => (
                  <td key={j} style={{ textAlign: block.columns[j]?.align ?? 'left' }}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'signature':
      return <SignatureView key={i} block={block} />;
    case 'pageBreak':
      return <hr key={i} className="rv-doc-break" />;
  }
}

const gap = (lines?: number): CSSProperties | undefined => (lines ? { marginTop: `${lines}em` } : undefined);

function TextView({ block }: { block: TextBlock }) {
  const style: CSSProperties = { ...gap(block.gapBefore), textAlign: block.align ?? 'left', ...(block.indent ? { paddingLeft: `${block.indent}pt` } : {}) };
  return (
    <p className={`rv-doc-${block.style ?? 'body'}`} style={style}>
      {block.runs.map((r, j) => (r.bold ? <strong key={j}>{r.text}</strong> : <span key={j}>{r.text}</span>))}
    </p>
  );
}

/** A signature box: capacity and name, the drawn strokes once signed (vector, as stored), the note. */
function SignatureView({ block }: { block: SignatureBlock }) {
  const signed = block.strokes.some((s) => s.length > 0);
  // Strokes are stored normalised to the pad (0..1 of its width and height; the pad is 3:1).
  const path = block.strokes
    .filter((s) => s.length > 0)
    .map((s) => s.map((p, j) => `${j === 0 ? 'M' : 'L'}${(p.x * 300).toFixed(1)} ${(p.y * 100).toFixed(1)}`).join(' '))
    .join(' ');
  return (
    <div className={`rv-doc-signature${block.columns === 2 ? ' rv-doc-signature-half' : ''}`} style={gap(block.gapBefore)}>
      {block.lines.map((l, j) => (
        <p key={j}>{l}</p>
      ))}
      {signed ? (
        <svg viewBox="0 0 300 100" className="rv-doc-strokes" aria-hidden="true" focusable="false">
          <path d={path} fill="none" stroke="#0b1f4d" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      ) : (
        <div className="rv-doc-strokes rv-doc-blank" aria-hidden="true" />
      )}
      {block.note && <p className="rv-doc-small">{block.note}</p>}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import SignaturePad, { type PointGroup } from 'signature_pad';
import type { Strokes } from '../domain/signing';
import { t } from '../i18n';

interface Props {
  onChange: (strokes: Strokes, png: string | null) => void;
}

/*
 * Strokes are kept normalised (0..1 of the pad's width and height) and the pad has a fixed aspect
 * ratio, so a rotation or resize redraws the same signature at the new size (signature_pad clears
 * the canvas on resize: we redraw from the point data).
 */
type Normalised = { points: { x: number; y: number; time: number; pressure: number }[]; options: PointGroup };

export function SignaturePadField({ onChange }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const strokesRef = useRef<Normalised[]>([]);
  const [count, setCount] = useState(0);

  const emit = () => {
    const strokes: Strokes = strokesRef.current.map((s) => s.points.map((p) => ({ x: round(p.x), y: round(p.y), t: p.time })));
    setCount(strokes.length);
    onChange(strokes, strokes.length ? (padRef.current?.toDataURL('image/png') ?? null) : null);
  };

  const redraw = () => {
    const canvas = canvasRef.current;
    const pad = padRef.current;
    if (!canvas || !pad) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    const { width, height } = canvas.getBoundingClientRect();
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.getContext('2d')?.scale(ratio, ratio);
    pad.clear();
    pad.fromData(
      strokesRef.current.map((s) => ({ ...s.options, points: s.points.map((p) => ({ ...p, x: p.x * width, y: p.y * height })) })),
    );
  };

  useEffect(() => {
    const canvas = canvasRef.current!;
    const pad = new SignaturePad(canvas, { penColor: '#0b1f4d', minWidth: 0.8, maxWidth: 2.6 });
    padRef.current = pad;
    pad.addEventListener('endStroke', () => {
      const { width, height } = canvas.getBoundingClientRect();
      const data = pad.toData();
      const last = data.at(-1);
      if (!last) return;
      strokesRef.current = [
        ...strokesRef.current,
        { options: { ...last, points: [] }, points: last.points.map((p) => ({ ...p, x: p.x / width, y: p.y / height })) },
      ];
      emit();
    });
    const observer = new ResizeObserver(() => redraw());
    observer.observe(canvas);
    redraw();
    return () => {
      observer.disconnect();
      pad.off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const clear = () => {
    strokesRef.current = [];
    redraw();
    emit();
  };
  const undo = () => {
    strokesRef.current = strokesRef.current.slice(0, -1);
    redraw();
    emit();
  };

  return (
    <div className="signature-field">
      <p id="sig-help" className="hint">
        {t('signature.help')}
      </p>
      <canvas ref={canvasRef} className="signature-pad" role="img" aria-label={t('signature.pad')} aria-describedby="sig-help" data-testid="signature-pad" />
      <div className="actions">
        <button type="button" onClick={undo} disabled={count === 0}>
          {t('signature.undo')}
        </button>
        <button type="button" onClick={clear} disabled={count === 0}>
          {t('signature.clear')}
        </button>
        <span className="muted" data-testid="stroke-count" aria-live="polite">
          {t('signature.strokes', { count })}
        </span>
      </div>
    </div>
  );
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

import { Component, type ReactNode } from 'react';
import { Link } from 'react-router';
import { t } from '../i18n';

export function NotFound() {
  return (
    <main id="contenu" className="page">
      <h1>{t('api.notFound')}</h1>
      <p>
        <Link to="/">{t('seance.back')}</Link>
      </p>
    </main>
  );
}

/** A screen that crashes shows a French message and a way back; the rest of the app stays. */
export class ScreenErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error?: unknown }> {
  state: { error?: unknown } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }
  render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <main id="contenu" className="page">
        <h1>{t('error.unknown', { reason: String(this.state.error) })}</h1>
        <p>
          <a href="/">{t('seance.back')}</a>
        </p>
      </main>
    );
  }
}

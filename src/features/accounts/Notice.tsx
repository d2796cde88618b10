/** A confirmation announced politely: the live region exists before its text. */
export function Notice({ message }: { message: string | undefined }) {
  return (
    <div role="status" className="admin-status" data-testid="saved-notice">
      {message && <p className="notice">{message}</p>}
    </div>
  );
}

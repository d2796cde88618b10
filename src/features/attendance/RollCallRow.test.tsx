// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../domain/ids';
import type { Member, Proxy } from '../../domain/schemas';
import { RollCallRow, type RowProps } from './RollCallRow';

const orgId = newId<'OrganisationId'>();
const member = (firstName: string, lastName: string): Member =>
  ({ id: newId<'MemberId'>(), organisationId: orgId, civility: 'Mme', firstName, lastName, version: 1 }) as Member;
const claire = member('Claire', 'DUMONT');
const paul = member('Paul', 'MARTIN');

function row(over: Partial<RowProps> = {}) {
  const props: RowProps = {
    seanceId: newId(),
    member: claire,
    attendance: undefined,
    proxy: undefined,
    holders: [claire, paul],
    itemOrders: [1, 2],
    readOnly: false,
    error: undefined,
    onStatus: vi.fn(),
    onProxy: vi.fn(),
    onRevoke: vi.fn(),
    onNext: vi.fn(),
    ...over,
  };
  render(
    <table>
      <tbody>
        <RollCallRow {...props} />
      </tbody>
    </table>,
  );
  return props;
}
const radio = (name: string) => screen.getByRole<HTMLInputElement>('radio', { name });
const holderList = () => screen.getByRole('combobox', { name: 'Mandataire de Mme Claire DUMONT' });

afterEach(cleanup);

describe('one line of the roll-call', () => {
  it('a letter records the status and goes to the next member: P, A, E', () => {
    const p = row();
    fireEvent.keyDown(radio('Présent'), { key: 'a' });
    expect(p.onStatus).toHaveBeenCalledWith('absent');
    expect(p.onNext).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(radio('Présent'), { key: 'E' });
    expect(p.onStatus).toHaveBeenLastCalledWith('excused');
  });

  it('« Représenté » writes nothing until a holder is chosen, and the holder list leaves out the member', () => {
    const p = row();
    fireEvent.keyDown(radio('Présent'), { key: 'r' });
    expect(p.onStatus).not.toHaveBeenCalled();
    expect(p.onNext).not.toHaveBeenCalled();
    const select = holderList();
    expect(document.activeElement).toBe(select);
    const options = within(select).getAllByRole('option').map((o) => o.textContent);
    expect(options).not.toContain('Mme Claire DUMONT');
    expect(options).toContain('Mme Paul MARTIN');
    fireEvent.change(select, { target: { value: paul.id } });
    expect(p.onProxy).toHaveBeenCalledWith(paul.id);
  });

  it('another status for a member who gave a pouvoir revokes it first', () => {
    const proxy = { id: newId<'ProxyId'>(), giverId: claire.id, holderId: paul.id } as unknown as Proxy;
    const p = row({ proxy });
    expect(radio('Représenté').checked).toBe(true);
    fireEvent.click(radio('Présent'));
    expect(p.onRevoke).toHaveBeenCalledWith(proxy.id);
    expect(p.onStatus).toHaveBeenCalledWith('present');
  });

  it('read-only: no letter records anything, the choices are disabled', () => {
    const p = row({ readOnly: true });
    fireEvent.keyDown(radio('Présent'), { key: 'a' });
    expect(p.onStatus).not.toHaveBeenCalled();
    expect(radio('Absent').matches(':disabled')).toBe(true);
  });

  it('a letter typed in the holder list or with Ctrl is not a shortcut', () => {
    const p = row();
    fireEvent.keyDown(radio('Présent'), { key: 'a', ctrlKey: true });
    fireEvent.keyDown(radio('Présent'), { key: 'r' });
    fireEvent.keyDown(holderList(), { key: 'p' });
    expect(p.onStatus).not.toHaveBeenCalled();
  });

  it('says a refusal next to the member, as an alert', () => {
    row({ error: 'attendance.revoke' });
    expect(screen.getByRole('alert').textContent).toBe('Révoquer le pouvoir');
  });
});

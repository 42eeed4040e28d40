// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { ActionRow, FormFailure, SavedNote } from './action-row.tsx';
import { Field, Select, TextArea } from './field.tsx';

describe('Field, TextArea, Select', () => {
  it('label their control and tie the message and the hint to it', () => {
    render(
      <>
        <Field label="Name" error="Too long." hint="As shown on the meter." defaultValue="x" />
        <TextArea id="info" label="Info" hint="JSON" rows={3} />
        <Select label="Phases" error="Pick one.">
          <option value="1">1</option>
        </Select>
      </>,
    );
    const name = screen.getByLabelText('Name');
    expect(name.tagName).toBe('INPUT');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Too long. As shown on the meter.');

    const info = screen.getByLabelText('Info');
    expect(info.tagName).toBe('TEXTAREA');
    expect(info).toHaveAttribute('id', 'info');
    expect(info).toHaveAttribute('rows', '3');
    expect(info).not.toHaveAttribute('aria-invalid');
    expect(info).toHaveAttribute('aria-describedby', 'info-hint');

    const phases = screen.getByLabelText('Phases');
    expect(phases.tagName).toBe('SELECT');
    expect(phases).toHaveAccessibleDescription('Pick one.');
  });

  it('show no hint element when there is no hint', () => {
    render(<TextArea label="Comments" hint={null} />);
    expect(screen.getByLabelText('Comments')).not.toHaveAttribute('aria-describedby');
  });
});

describe('ActionRow and FormFailure', () => {
  it('has the save button, a second button and the note', () => {
    const onCancel = vi.fn();
    const { rerender } = render(
      <form aria-label="f">
        <ActionRow submit="Save" busySubmit="Saving…" busy={false} secondary={{ label: 'Cancel', onClick: onCancel }} />
      </form>,
    );
    expect(screen.getByRole('button', { name: 'Save' })).toHaveAttribute('type', 'submit');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
    expect(screen.queryByRole('status')).toBeNull();

    rerender(
      <form aria-label="f">
        <ActionRow
          submit="Save"
          busySubmit="Saving…"
          busy
          secondary={{ label: 'Cancel', onClick: onCancel }}
          note="Saved."
        />
      </form>,
    );
    expect(screen.getByRole('button', { name: 'Saving…' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(screen.getByRole('status')).toHaveTextContent('Saved.');
  });

  it('shows a failure as an alert, and nothing without one', () => {
    const { rerender } = render(<FormFailure text={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(<FormFailure text="Not saved." />);
    expect(screen.getByRole('alert')).toHaveTextContent('Not saved.');
  });

  it('announces a saved note politely, as a paragraph or inline in a row, and nothing without one', () => {
    const { rerender } = render(<SavedNote text={null} />);
    expect(screen.queryByRole('status')).toBeNull();
    rerender(<SavedNote text="" />);
    expect(screen.queryByRole('status')).toBeNull();
    rerender(<SavedNote text="Meter type “DCU-8” saved." />);
    expect(screen.getByRole('status')).toHaveTextContent('Meter type “DCU-8” saved.');
    expect(screen.getByRole('status').tagName).toBe('P');
    rerender(<SavedNote inline text="Saved." />);
    expect(screen.getByRole('status').tagName).toBe('SPAN');
  });
});

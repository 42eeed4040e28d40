// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from '../../test/render.tsx';
import { setupFakeServices } from '../../test/server.ts';
import { BesmartSignInForm } from './besmart-sign-in-form.tsx';
import { SauresSignInForm } from './saures-sign-in-form.tsx';
import { besmartSignInSchema, sauresSignInSchema } from './sign-in-schemas.ts';

const { besmart, server } = setupFakeServices();
const requests: string[] = [];
server.events.on('request:start', ({ request }) => {
  requests.push(new URL(request.url).pathname);
});
afterEach(() => {
  requests.length = 0;
});

describe('sign-in schemas', () => {
  it('require an e-mail that looks like one, and a password', () => {
    const bad = sauresSignInSchema.safeParse({ email: ' not-an-email ', password: '' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['email', 'validation.emailInvalid'],
      ['password', 'validation.passwordRequired'],
    ]);
    expect(sauresSignInSchema.safeParse({ email: '  demo@saures.ru ', password: 'x' }).data).toEqual({
      email: 'demo@saures.ru',
      password: 'x',
    });
  });
  it('require login and password for besmart; the workspace key is optional', () => {
    const bad = besmartSignInSchema.safeParse({ login: ' ', password: '', workspaceKey: '' });
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      'validation.loginRequired',
      'validation.passwordRequired',
    ]);
    expect(besmartSignInSchema.safeParse({ login: 'op', password: 'pw', workspaceKey: '' }).success).toBe(true);
  });
});

describe('SAURES sign-in form', () => {
  it('shows field messages and sends no request when the fields are wrong', async () => {
    renderWithProviders(<SauresSignInForm />);
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to SAURES' }));
    expect(await screen.findByText('Enter a valid e-mail address, like name@example.com.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('E-mail')).toHaveFocus();
    expect(requests).toEqual([]);
  });

  it('shows the server’s own message on a wrong password and keeps the e-mail', async () => {
    renderWithProviders(<SauresSignInForm />);
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'demo@saures.ru' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to SAURES' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Неправильный email или пароль');
    expect(screen.getByLabelText('E-mail')).toHaveValue('demo@saures.ru');
    expect(requests).toEqual(['/saures/api/auth/login']);
  });

  it('signs in and stores the sid, not the password', async () => {
    const onSignedIn = vi.fn();
    const { sessions } = renderWithProviders(<SauresSignInForm onSignedIn={onSignedIn} />);
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'demo@saures.ru' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to SAURES' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(sessions.store.getState().saures).toMatchObject({ email: 'demo@saures.ru', sid: expect.any(String) });
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });
});

describe('besmart sign-in form', () => {
  it('signs in to a current server without a workspace key', async () => {
    const { sessions } = renderWithProviders(<BesmartSignInForm />);
    fireEvent.change(screen.getByLabelText('Login'), { target: { value: 'operator' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'operator' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to besmart' }));
    await waitFor(() => expect(sessions.store.getState().besmart).toMatchObject({ login: 'operator', api: 'current' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
  it('tells a v0.1.5 server’s 401 without a workspace key may need one', async () => {
    besmart.use('v0.1.5');
    renderWithProviders(<BesmartSignInForm />);
    fireEvent.change(screen.getByLabelText('Login'), { target: { value: 'operator' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'operator' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to besmart' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid workspace key (X-Auth)');
    expect(alert).toHaveTextContent(/older besmart server \(API v0\.1\.5\), it also needs the workspace key/);
  });
  it('says which API version the built-in fake speaks, beside its demo accounts', () => {
    const demo = [{ login: 'operator', password: 'operator', workspaceKey: 'demo-workspace', description: 'Operator' }];
    renderWithProviders(<BesmartSignInForm demoAccounts={demo} fakeApi="v0.1.5" />);
    expect(screen.getByText(/This fake speaks besmart API v0\.1\.5; start it with BESMART_API/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Use operator / operator / demo-workspace' }));
    expect(screen.getByLabelText(/Workspace key/)).toHaveValue('demo-workspace');
  });
  it('shows a v0.1.5 server’s words for a wrong workspace key', async () => {
    besmart.use('v0.1.5');
    renderWithProviders(<BesmartSignInForm />);
    fireEvent.change(screen.getByLabelText('Login'), { target: { value: 'operator' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'operator' } });
    fireEvent.change(screen.getByLabelText(/Workspace key/), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to besmart' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toBe('');
    expect(alert.textContent).not.toContain('{');
    expect(screen.getByLabelText('Login')).toHaveValue('operator');
  });
});

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PopupView, type PopupState } from '@/components/PopupView';
import { sendRequest } from '@/lib/messaging/send-request';
import './style.css';

// Wiring only: show the current report at once, then read the connected venues that are due
// (opening the popup is a refresh, issue 5) and show the report again.
function Popup() {
  const [state, setState] = useState<PopupState>({ status: 'loading' });
  useEffect(() => {
    const fail = (error: unknown) =>
      setState({
        status: 'error',
        message: error instanceof Error ? error.message : String(error),
      });
    sendRequest({ type: 'getPortfolioRisk' })
      .then((view) => {
        setState({ status: 'ready', view });
        if (view.connections.length === 0) return;
        return sendRequest({ type: 'refreshAccounts', force: false })
          .then(() => sendRequest({ type: 'getPortfolioRisk' }))
          .then((fresh) => setState({ status: 'ready', view: fresh }));
      })
      .catch(fail);
  }, []);
  return (
    <PopupView
      state={state}
      now={Date.now()}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);

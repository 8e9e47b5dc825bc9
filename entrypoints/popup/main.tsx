import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { PopupView, type PopupState } from '@/components/PopupView';
import { sendRequest } from '@/lib/messaging/send-request';
import './style.css';

function Popup() {
  const [state, setState] = useState<PopupState>({ status: 'loading' });
  useEffect(() => {
    sendRequest({ type: 'getPortfolioRisk' }).then(
      (view) => setState({ status: 'ready', view }),
      (error: unknown) =>
        setState({
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  }, []);
  return <PopupView state={state} />;
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);

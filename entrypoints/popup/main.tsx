import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AlertHistory } from '@/components/AlertHistory';
import { PopupView, type PopupState } from '@/components/PopupView';
import type { AlertHistoryView } from '@/lib/messaging/alert-requests';
import { sendRequest } from '@/lib/messaging/send-request';
import { EMPTY_MARGIN_HISTORY, type MarginHistory } from '@/lib/storage/margin-history';
import { marginHistoryItem } from '@/lib/storage/margin-history-item';
import { riskStateItem } from '@/lib/storage/risk-state-item';
import { connectionsItem } from '@/lib/storage/connections-item';
import { storedView } from '@/components/popup/stored-view';
import './style.css';

const openOptions = () => void browser.runtime.openOptionsPage();
const FIRST_FIGURES = 'margin-lens:first-figures';
const LIVE_FIGURES = 'margin-lens:live-figures';

// Wiring only: show the stored risk state at once (from storage, before the background
// answers), then the background's current report, then read the connected venues that are due
// (opening the popup is a refresh, issue 5) and show the report again; afterwards, follow every
// new risk state the background stores (a scheduled read, a market update) and the margin
// history it keeps beside it, with the alerts' history under the headline.
function Popup() {
  const [state, setState] = useState<PopupState>({ status: 'loading' });
  const [history, setHistory] = useState<MarginHistory>(EMPTY_MARGIN_HISTORY);
  const [now, setNow] = useState(() => Date.now());
  const [alerts, setAlerts] = useState<AlertHistoryView | null>(null);
  // True while the figures shown are the stored state's (first paint), before the background's.
  const [provisional, setProvisional] = useState(false);
  useEffect(() => {
    const fail = (error: unknown) =>
      setState({
        status: 'error',
        message: error instanceof Error ? error.message : String(error),
      });
    let live = false;
    // First paint from storage alone: the stored risk state, before the background answers.
    void Promise.all([riskStateItem.getValue(), connectionsItem.getValue()])
      .then(([stored, connections]) => {
        const view = storedView(stored, connections);
        if (view === null || live) return;
        setProvisional(true);
        setState({ status: 'ready', view });
      })
      .catch(() => undefined);
    const show = () =>
      sendRequest({ type: 'getPortfolioRisk' }).then((view) => {
        live = true;
        setProvisional(false);
        setNow(Date.now());
        setState({ status: 'ready', view });
        // The alerts are evaluated on every new risk state: their history follows it.
        sendRequest({ type: 'getAlertHistory' }).then(setAlerts, () => setAlerts(null));
        return view;
      });
    show()
      .then((view) => {
        if (view.connections.length === 0) return;
        return sendRequest({ type: 'refreshAccounts', force: false }).then(show);
      })
      .catch(fail);
    void marginHistoryItem.getValue().then(setHistory, () => undefined);
    const unwatchHistory = marginHistoryItem.watch((value) => setHistory(value));
    const unwatchState = riskStateItem.watch(() => void show().catch(fail));
    const ticker = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      unwatchHistory();
      unwatchState();
      clearInterval(ticker);
    };
  }, []);
  // For the benchmark (scripts/bench-extension.ts): when the first figures (the stored state's
  // or the background's) and the background's own figures reached the screen.
  const ready = state.status === 'ready';
  useEffect(() => {
    if (!ready) return;
    for (const name of provisional ? [FIRST_FIGURES] : [FIRST_FIGURES, LIVE_FIGURES])
      if (performance.getEntriesByName(name).length === 0) performance.mark(name);
  }, [ready, provisional]);
  return (
    <PopupView
      state={state}
      history={history}
      now={now}
      onOpenOptions={openOptions}
      provisional={provisional}
      progressive
      alerts={
        alerts === null ? undefined : (
          <AlertHistory view={alerts} now={now} onOpenSettings={openOptions} />
        )
      }
    />
  );
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);

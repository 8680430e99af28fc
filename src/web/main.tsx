// readout's web UI: hash routes (#/?filters for the list, #/m/<id> for a meeting, #/compare/<a>/<b> for two
// readouts of one meeting) over the JSON API.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { listHash, parseHash, rememberList, type Route } from './api';
import { ListPage } from './list';
import { ComparePage } from './compare';
import { MeetingPage } from './meeting';
import './style.css';

function App(): JSX.Element {
  const [route, setRoute] = useState<Route>(() => parseHash(location.hash));
  useEffect(() => {
    const onHash = () => {
      const next = parseHash(location.hash);
      setRoute(next);
      if ((next.page === 'meeting' && next.statement === null) || next.page === 'compare') {
        window.scrollTo(0, 0);
        // Keyboard and screen-reader users continue from the new page, not from the link they left.
        document.getElementById('main')?.focus({ preventScroll: true });
      }
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const filters = route.page === 'list' ? route.filters : {};
  if (route.page === 'list') rememberList(location.hash);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header class="top">
        <a class="brand" href="#/">readout</a>
        <SearchBox key={filters.q ?? ''} initial={filters.q ?? ''} onSearch={(q) => { location.hash = listHash({ ...filters, q: q || undefined }); }} />
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'list' && <ListPage filters={route.filters} offset={route.offset} />}
        {route.page === 'meeting' && <MeetingPage key={route.id} id={route.id} statement={route.statement} />}
        {route.page === 'compare' && <ComparePage key={`${route.a}/${route.b}`} a={route.a} b={route.b} />}
      </main>
    </>
  );
}

function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }): JSX.Element {
  const [q, setQ] = useState(initial);
  return (
    <form class="search" role="search" onSubmit={(e) => { e.preventDefault(); onSearch(q.trim()); }}>
      <input type="search" name="q" value={q} maxLength={500} placeholder="Search readouts (e.g. denuclearization)"
        aria-label="Search readouts" onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      <button type="submit">Search</button>
    </form>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);

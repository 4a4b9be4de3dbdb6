/**
 * The page frame and the routes: /search, /d/<doc-id>, /person/<person-id>, /timeline, /check.
 */
import { CheckPage } from './pages/CheckPage.js';
import { ReaderPage } from './pages/ReaderPage.js';
import { PersonPage } from './pages/PersonPage.js';
import { SearchPage } from './pages/SearchPage.js';
import { TimelinePage } from './pages/TimelinePage.js';
import { Link, useLocation } from './router.js';

export function App() {
  const { pathname } = useLocation();
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Declass
        </Link>
        <nav aria-label="Main">
          <Link to="/search" aria-current={pathname === '/search' || pathname === '/' ? 'page' : undefined}>
            Search
          </Link>
          <Link to="/timeline" aria-current={pathname === '/timeline' ? 'page' : undefined}>
            Timeline
          </Link>
          <Link to="/check" aria-current={pathname === '/check' ? 'page' : undefined}>
            Check an article
          </Link>
          <a href="/api/docs">API</a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Route pathname={pathname} />
      </main>
      <footer className="site-footer">
        Declassified U.S. government records, in the public domain. Every passage has a stable link: cite it.
      </footer>
    </>
  );
}

function Route({ pathname }: { pathname: string }) {
  const path = decodeURIComponent(pathname);
  if (path === '/' || path === '/search') return <SearchPage />;
  if (path === '/timeline') return <TimelinePage />;
  if (path === '/check') return <CheckPage />;
  if (path.startsWith('/d/')) return <ReaderPage key={path} documentId={path.slice(3)} />;
  if (path.startsWith('/person/')) return <PersonPage key={path} personId={path.slice(8)} />;
  return (
    <div className="error" role="alert">
      <h1>Not found</h1>
      <p>
        Nothing lives at {path}. <Link to="/search">Search the archive</Link>.
      </p>
    </div>
  );
}

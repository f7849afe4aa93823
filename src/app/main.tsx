import { createRoot } from 'react-dom/client'
import './styles.css'

/*
 * The page's script is evaluated in two tasks rather than one (docs/PERFORMANCE.md, "Main-thread
 * tasks at start-up"): this entry holds React and makes the root; the app's own modules (the
 * store, the panels, the data loading) are a chunk evaluated in the task after.
 */
const element = document.getElementById('root')
if (!element) throw new Error('index.html has no #root element')
const root = createRoot(element)
import('./start.tsx')
  .then(({ startApp }) => startApp(root))
  .catch((error: unknown) => {
    // Only a failed download of the app's own chunk lands here: say so rather than show a blank page.
    element.textContent = `Watchfloor could not load (${error instanceof Error ? error.message : String(error)}). Reload the page.`
  })

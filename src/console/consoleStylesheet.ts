// The console's one stylesheet, served from /console/assets/console.css (the CSP allows no inline
// style). Kept in a module so the bundle that `npm start` builds carries it without a copy step.
// Colours keep a contrast of 4.5:1 or more against their background.

export const CONSOLE_STYLESHEET = `
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #f4f5f7; }
header { background: #232f3e; color: #fff; padding: 0.75rem 1.5rem; display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; }
header .brand { font-weight: 700; font-size: 1.1rem; }
header nav a { color: #fff; margin-right: 0.75rem; }
header form { margin: 0 0 0 auto; }
main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1.5rem; }
section { background: #fff; border: 1px solid #d5d9de; border-radius: 6px; padding: 1rem 1.5rem; margin-bottom: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.25rem; margin: 0 0 0.75rem; }
label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
fieldset { border: 1px solid #d5d9de; border-radius: 4px; margin: 0.75rem 0; }
fieldset label { display: inline; font-weight: 400; margin-right: 1rem; }
input[type=text], input[type=password], textarea, select { width: 100%; max-width: 28rem; padding: 0.45rem 0.6rem; border: 1px solid #5f6b7a; border-radius: 4px; font: inherit; }
textarea { max-width: 100%; font-family: ui-monospace, monospace; min-height: 16rem; }
button, .button { display: inline-block; margin-top: 1rem; padding: 0.5rem 1rem; border: 0; border-radius: 4px; background: #0b5394; color: #fff; font: inherit; font-weight: 600; cursor: pointer; text-decoration: none; }
button.secondary { background: #fff; color: #0b5394; border: 1px solid #0b5394; }
button.danger { background: #a4262c; }
table button { margin-top: 0; }
a { color: #0b5394; }
a:focus, button:focus, input:focus, textarea:focus, select:focus { outline: 3px solid #ff9900; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid #d5d9de; vertical-align: top; }
.alert { border-radius: 4px; padding: 0.75rem 1rem; margin-bottom: 1rem; border: 1px solid; }
.alert.error { background: #fdecea; border-color: #a4262c; color: #6b1216; }
.alert.info { background: #e8f1fb; border-color: #0b5394; color: #0a3a66; }
.rule { border-left: 4px solid #ff9900; padding: 0.5rem 1rem; background: #fff8ec; color: #4d3300; }
.secret { font-family: ui-monospace, monospace; word-break: break-all; background: #f4f5f7; padding: 0.25rem 0.5rem; }
header .secret { background: transparent; color: #fff; font-size: 0.9rem; padding: 0; }
.inline { display: inline; }
input[type=datetime-local] { padding: 0.45rem 0.6rem; border: 1px solid #5f6b7a; border-radius: 4px; font: inherit; }
pre.secret { white-space: pre-wrap; max-height: 24rem; overflow: auto; font-size: 0.85rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.5rem; }
.editor { display: flex; align-items: stretch; border: 1px solid #5f6b7a; border-radius: 4px; max-width: 100%; overflow: hidden; }
.editor .gutter { margin: 0; padding: 0.45rem 0.5rem; background: #f4f5f7; color: #4a5563; text-align: right; user-select: none; font: 14px/1.5 ui-monospace, monospace; overflow: hidden; min-width: 3rem; }
.editor textarea { border: 0; border-radius: 0; flex: 1; font: 14px/1.5 ui-monospace, monospace; resize: vertical; white-space: pre; overflow: auto; }
.editor .gutter span { display: block; }
.editor .gutter .error-line { background: #a4262c; color: #fff; }
.editor:focus-within { outline: 3px solid #ff9900; outline-offset: 2px; }
.editor textarea:focus { outline: none; }
pre.document { background: #f4f5f7; padding: 0.75rem; overflow: auto; font-size: 14px; }
.tabs a { margin-right: 1rem; }
.tabs a[aria-current=page] { font-weight: 700; }
.qr { image-rendering: pixelated; width: 200px; height: 200px; border: 1px solid #d5d9de; }
`;

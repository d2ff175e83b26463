"""The board's stylesheet, inline: the page loads nothing from anywhere else."""

STYLE = """
:root { --ink: #1d2733; --muted: #5f6b7a; --line: #d9dee5; --paper: #f5f7fa;
  --card: #fff; --accent: #2f6fde; --done: #2e8b57; }
* { box-sizing: border-box; }
body { margin: 0; padding: 16px 20px 40px; font: 14px/1.4 system-ui, sans-serif;
  color: var(--ink); background: var(--paper); }
header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
header form { margin-left: auto; }
h1 { font-size: 22px; margin: 0; } h2 { font-size: 15px; margin: 0 0 8px; }
.muted { color: var(--muted); font-size: 12px; }
.filters { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin: 12px 0; }
select, input, button { font: inherit; padding: 4px 8px; border: 1px solid var(--line);
  border-radius: 6px; background: #fff; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button.quiet { background: transparent; color: var(--muted); border-color: var(--line); }
.download { margin-left: auto; color: var(--accent); }
.tiles { display: flex; gap: 12px; flex-wrap: wrap; }
.tile { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 8px 14px; min-width: 130px; display: flex; flex-direction: column; }
.tile .value { font-size: 20px; font-weight: 600; }
.tile .label { color: var(--muted); font-size: 12px; }
.numbers { margin: 12px 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
  gap: 12px; margin: 12px 0 20px; }
.chart { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  width: 100%; height: auto; }
.chart .title { font-size: 12px; font-weight: 600; fill: var(--ink); }
.chart .axis { font-size: 10px; fill: var(--muted); }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .bar { fill: var(--accent); }
.chart .line { fill: none; stroke: var(--done); stroke-width: 2; }
.chart .dot { fill: var(--done); }
.chart .empty { font-size: 12px; fill: var(--muted); }
.kanban { overflow-x: auto; }
.row { display: grid; grid-template-columns: 120px repeat(7, minmax(150px, 1fr)); gap: 8px;
  min-width: 1200px; }
.heads .head { font-weight: 600; padding: 4px 8px; border-bottom: 2px solid var(--line); }
.lane { padding: 10px 0; border-bottom: 1px solid var(--line); }
.lane-name { padding-top: 4px; }
.column { display: flex; flex-direction: column; gap: 8px; min-height: 40px; }
.card { background: var(--card); border: 1px solid var(--line); border-left: 4px solid
  var(--accent); border-radius: 6px; padding: 8px; }
.column[data-stage="done"] .card { border-left-color: var(--done); }
.card p { margin: 0 0 4px; } .card .number { font-weight: 600; }
.card .text { overflow-wrap: anywhere; } .card .meta { color: var(--muted); font-size: 12px; }
.card .goal { font-size: 12px; color: var(--done); }
.card a { font-size: 12px; color: var(--accent); }
.recognition { margin-top: 24px; } .recognition ul { padding-left: 18px; }
.recognition li { margin-bottom: 6px; overflow-wrap: anywhere; }
.value-tag { color: var(--done); }
.login { max-width: 420px; margin: 80px auto; background: var(--card); padding: 24px;
  border: 1px solid var(--line); border-radius: 8px; }
.login form { display: flex; gap: 8px; align-items: end; flex-wrap: wrap; }
.problem { color: #b3261e; }
.languages { display: flex; gap: 10px; font-size: 12px; }
.languages a { color: var(--accent); }
.languages a[aria-current] { color: var(--ink); font-weight: 600; text-decoration: none; }
"""

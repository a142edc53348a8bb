// Memory of a browser as the benchmarks measure it: the PSS of this Node process's descendants
// (the browser and all its children), summed from /proc/<pid>/smaps_rollup (Linux only).
import fs from 'node:fs';

/** `{ bytes, procs }`: the process tree's PSS now, and how many processes it counted. */
export function treePss() {
  const parent = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const inTree = (pid) => {
    for (let p = parent.get(pid); p; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let kb = 0;
  let procs = 0;
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) {
        kb += Number(m[1]);
        procs++;
      }
    } catch {
      /* gone */
    }
  }
  return { bytes: kb * 1024, procs };
}

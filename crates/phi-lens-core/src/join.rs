//! Running two pieces of work, perhaps at the same time: the one way the core uses a second
//! core when its caller lends one. The lowest layer: every other module may import it.

/// Runs two pieces of work, perhaps at the same time: how a caller that may start threads
/// (the CLI) lends the analysis a second core. The core itself never starts a thread (it runs
/// in the browser too); [`Sequential`] runs one piece after the other. Whatever the `Join`,
/// the results are the same, byte for byte: work is split into pieces whose results are put
/// back in a fixed order.
pub trait Join: Sync {
    /// Runs `a` on the calling thread and `b` on this one or another, and returns both results.
    fn join<A, B, RA, RB>(&self, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA,
        B: FnOnce() -> RB + Send,
        RB: Send;
}

/// A [`Join`] that runs `a`, then `b`, on the calling thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sequential;

impl Join for Sequential {
    fn join<A, B, RA, RB>(&self, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA,
        B: FnOnce() -> RB + Send,
        RB: Send,
    {
        (a(), b())
    }
}

/// A [`Join`] that runs `b` on a scoped thread of its own while the calling thread runs `a`:
/// what a native caller (the CLI) passes to use a second core. Not built for WebAssembly,
/// where threads cannot be started; the core never uses it unless given it.
///
/// It can also be handed a value to free on the second thread of one join
/// ([`Threads::dropping`]), or told to send a message when a side of its first join is done
/// ([`Threads::notifying`]); the results never depend on either.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
pub struct Threads {
    /// Dropped on the second thread of the join numbered `.0` (from 0), before its work.
    garbage: std::sync::Mutex<(usize, Option<Box<dyn Send>>)>,
    /// Sent to by whichever side of the first join ends first: the core it ran on is then
    /// free until the join is over.
    core_free: std::sync::Mutex<Option<std::sync::mpsc::Sender<()>>>,
}

#[cfg(not(target_arch = "wasm32"))]
impl std::fmt::Debug for Threads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Threads")
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Threads {
    /// Threads that drop `value` on the second thread of join number `at` (from 0): freeing
    /// tens of megabytes takes milliseconds, best spent where that thread's work is spread
    /// over both (the analysis's second join classifies the columns).
    pub fn dropping(value: impl Send + 'static, at: usize) -> Threads {
        Threads { garbage: std::sync::Mutex::new((at, Some(Box::new(value)))), ..Threads::default() }
    }

    /// Threads that send to `core_free` when a side of the first join is done.
    pub fn notifying(core_free: std::sync::mpsc::Sender<()>) -> Threads {
        Threads { core_free: std::sync::Mutex::new(Some(core_free)), ..Threads::default() }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Join for Threads {
    fn join<A, B, RA, RB>(&self, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA,
        B: FnOnce() -> RB + Send,
        RB: Send,
    {
        let garbage = self.garbage.lock().ok().and_then(|mut g| {
            let due = g.0 == 0;
            g.0 = g.0.saturating_sub(1);
            if due {
                g.1.take()
            } else {
                None
            }
        });
        let core_free = self.core_free.lock().ok().and_then(|mut s| s.take());
        let other = core_free.clone();
        // A failed send means the message was already received: nothing to do.
        let notify = |sender: Option<std::sync::mpsc::Sender<()>>| sender.map(|s| s.send(()));
        std::thread::scope(|scope| {
            let other_side = scope.spawn(move || {
                drop(garbage);
                let rb = b();
                notify(other);
                rb
            });
            let ra = a();
            notify(core_free);
            match other_side.join() {
                Ok(rb) => (ra, rb),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }
}

/// `f(0..n)` in order, computed in chunks of `chunk` indices that both sides of `join` take
/// in turn until none is left (so an uneven split of the work still keeps both busy).
pub(crate) fn map_indices<J: Join, R: Send>(join: &J, n: usize, chunk: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    map_indices_beside(join, n, chunk, f, || ()).0
}

/// [`map_indices`], with `beside` run first on the other side of `join`, its result returned too.
pub(crate) fn map_indices_beside<J: Join, R: Send, X: Send>(
    join: &J,
    n: usize,
    chunk: usize,
    f: impl Fn(usize) -> R + Sync,
    beside: impl FnOnce() -> X + Send,
) -> (Vec<R>, X) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let chunk = chunk.max(1);
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done: Vec<(usize, Vec<R>)> = Vec::new();
        loop {
            let start = next.fetch_add(chunk, Ordering::Relaxed);
            if start >= n {
                break;
            }
            done.push((start, (start..(start + chunk).min(n)).map(&f).collect()));
        }
        done
    };
    let (mut a, (x, b)) = join.join(worker, || {
        let x = beside();
        (x, worker())
    });
    a.extend(b);
    a.sort_unstable_by_key(|(start, _)| *start);
    let mut out = Vec::with_capacity(n);
    for (_, part) in a {
        out.extend(part);
    }
    (out, x)
}

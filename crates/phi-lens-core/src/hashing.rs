//! The one hash of the core's own maps and sets of ids and names: foldhash, with a fixed seed.
//!
//! They hash hundreds of thousands of short strings per project (interning a manifest's
//! strings, building the lineage graph, looking up the words of column names) and live for one
//! load or one analysis, where SipHash's resistance to chosen keys buys nothing and costs time.
//! None of them reaches output, so neither does their order; the seed is fixed all the same, so
//! that a run is repeatable.
//!
//! foldhash replaced two hand-written hashes (an Fx hash in the loader, a multiply-fold hash in
//! the lineage graph) at no cost. On the corpus's spellbook manifest (72 MB of JSON) it took
//! 0.4 % fewer instructions to load (callgrind) and 2–3 % less CPU time in `load_throughput`,
//! `analyse_throughput` and `phi_throughput`, old and new binaries run alternately.

use std::collections::HashMap;

/// Builds the hasher of every map and set keyed by ids or names.
pub(crate) type FastHash = foldhash::fast::FixedState;

/// A map keyed by unique_id (or another borrowed string).
pub(crate) type IdMap<'p, V> = HashMap<&'p str, V, FastHash>;

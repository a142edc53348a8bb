//! The string interner: each distinct string of a load stored once, as a shared [`Text`].

use std::collections::HashSet;

use crate::artifacts::{Str, StrList};
use crate::model::Text;

/// Stores each distinct string once (see [`Text`]).
#[derive(Default)]
pub(crate) struct Interner(HashSet<Text, std::hash::BuildHasherDefault<FxHasher>>);

/// The Fx hash (rustc's): a multiply-rotate over 8-byte words. Interning hashes hundreds of
/// thousands of short strings per manifest, where SipHash's DoS resistance buys nothing (the
/// set lives for one load) and costs a tenth of the load time.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Interner {
    pub(crate) fn text(&mut self, s: &str) -> Text {
        if let Some(t) = self.0.get(s) {
            return t.clone();
        }
        let t: Text = Text::from(s);
        self.0.insert(t.clone());
        t
    }

    /// The string, or "" when absent.
    pub(crate) fn req(&mut self, s: Option<Str<'_>>) -> Text {
        self.text(s.as_deref().unwrap_or(""))
    }

    /// The string when present and not blank.
    pub(crate) fn opt(&mut self, s: Option<Str<'_>>) -> Option<Text> {
        s.filter(|v| !v.trim().is_empty()).map(|v| self.text(&v))
    }

    pub(crate) fn list(&mut self, list: StrList<'_>) -> Vec<Text> {
        list.0.iter().map(|v| self.text(v)).collect()
    }
}

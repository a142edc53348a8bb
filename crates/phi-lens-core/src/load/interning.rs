//! The string interner: each distinct string of a load stored once, as a shared [`Text`].

use std::collections::HashSet;

use crate::artifacts::{Str, StrList};
use crate::hashing::FastHash;
use crate::model::Text;

/// Stores each distinct string once (see [`Text`]).
#[derive(Default)]
pub(crate) struct Interner(HashSet<Text, FastHash>);

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

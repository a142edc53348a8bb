//! The one-line verdict of a diff, shared by the text and markdown renderings: what a reviewer
//! must look at first, worst first.

use super::{Diff, PhiChangeKind};
use crate::findings::Severity;
use crate::report::text::plural;

/// How a change looks for PHI compliance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Nothing the diff reports changed, or only for the better.
    Clean,
    /// Changes worth a look: new medium or low findings, a lower score, PHI moved.
    Review,
    /// A regression: PHI newly reaching an exposure, a new high or critical finding, a lost
    /// declaration, a clinical test removed or newly failing.
    Regression,
}

impl Level {
    /// 🟢, 🟡, 🔴.
    pub fn mark(self) -> &'static str {
        match self {
            Level::Clean => "🟢",
            Level::Review => "🟡",
            Level::Regression => "🔴",
        }
    }

    /// The level in words, for a badge that must not rely on its colour: `no regression`,
    /// `to review`, `regression`.
    pub fn words(self) -> &'static str {
        match self {
            Level::Clean => "no regression",
            Level::Review => "to review",
            Level::Regression => "regression",
        }
    }

    /// `clean`, `review`, `regression`: a name for a style.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Clean => "clean",
            Level::Review => "review",
            Level::Regression => "regression",
        }
    }
}

/// The verdict: its level and its phrases, the worst first.
pub struct Verdict {
    /// How it looks.
    pub level: Level,
    /// What it says, e.g. `PHI newly reaches 1 exposure`.
    pub parts: Vec<String>,
}

impl Verdict {
    /// The phrases joined, or what a diff with nothing to say says.
    pub fn line(&self) -> String {
        if self.parts.is_empty() {
            "no PHI or compliance change".to_string()
        } else {
            self.parts.join(" · ")
        }
    }
}

/// The verdict of a diff.
pub fn verdict(diff: &Diff) -> Verdict {
    let mut said: Vec<(Level, String)> = Vec::new();
    let mut say = |l: Level, text: String| said.push((l, text));
    let exposures = diff.exposures_gaining_phi().count();
    if exposures > 0 {
        say(Level::Regression, format!("PHI newly reaches {}", plural(exposures, "exposure")));
    }
    for (s, n) in diff.new_open().into_iter().rev().filter(|(_, n)| *n > 0) {
        let l = if s >= Severity::High { Level::Regression } else { Level::Review };
        say(l, format!("{n} new {s} finding{}", if n == 1 { "" } else { "s" }));
    }
    let count = |k: PhiChangeKind| {
        diff.phi.iter().filter(|n| n.change == Some(k)).count()
            + diff.phi.iter().flat_map(|n| &n.columns).filter(|c| c.change == k).count()
    };
    let lost = count(PhiChangeKind::DeclarationLost);
    if lost > 0 {
        say(Level::Regression, format!("{} lost", plural(lost, "PHI declaration")));
    }
    let removed = diff.tests.removed.len();
    if removed > 0 {
        say(Level::Regression, format!("{} removed", plural(removed, "clinical test")));
    }
    let failing = diff.tests.newly_failing.len();
    if failing > 0 {
        say(Level::Regression, format!("{} newly failing", plural(failing, "test")));
    }
    let columns = diff.phi.iter().flat_map(|n| &n.columns).filter(|c| c.change == PhiChangeKind::BecamePhi).count();
    let nodes = diff.phi.iter().filter(|n| n.change == Some(PhiChangeKind::BecamePhi)).count();
    if columns > 0 {
        say(Level::Review, format!("{} became PHI", plural(columns, "column")));
    } else if nodes > 0 {
        say(Level::Review, format!("{} became PHI", plural(nodes, "node")));
    }
    let delta = diff.scores.delta();
    if delta < 0.0 {
        say(Level::Review, format!("score {:.1} → {:.1}", diff.scores.project.before, diff.scores.project.after));
    }
    let resolved = diff.findings.resolved.len();
    if resolved > 0 {
        say(Level::Clean, format!("{} resolved", plural(resolved, "finding")));
    }
    if delta > 0.0 {
        say(Level::Clean, format!("score {:.1} → {:.1}", diff.scores.project.before, diff.scores.project.after));
    }
    if said.is_empty() && !diff.is_empty() {
        said.push((Level::Review, "other changes (below)".to_string()));
    }
    let level = said.iter().map(|(l, _)| *l).max().unwrap_or(Level::Clean);
    Verdict { level, parts: said.into_iter().map(|(_, p)| p).collect() }
}

//! The lineage graph of one resource (`data-testid="lineage-graph"`), drawn from the core's
//! laid-out [`LineageView`]: boxes banded by score grade and labelled with their score and PHI
//! status in words, PHI-carrying edges thicker with their own arrow, "+N more" boxes for what
//! is folded. Zoom (buttons, wheel, `+`/`-`) and pan (drag, arrow keys); every box takes the
//! focus (`Tab`) and opens with `Enter`; and the same graph as a list for screen readers.
//!
//! No inline styles (the CSP forbids them): classes from `www/app.css` and SVG attributes.

use std::cell::RefCell;
use std::rc::Rc;

use phi_lens_core::phi::Status;
use phi_lens_core::views::lineage::{Collapsed, LineageEdge, LineageNode, LineageOptions, LineageView, NODE_WIDTH};
use yew::prelude::*;

/// Where a box's name is cut, from its right edge (room for the ellipsis).
const NAME_END: f64 = 18.0;

/// Props of [`LineageGraph`].
#[derive(Properties, PartialEq)]
pub struct LineageGraphProps {
    /// The laid-out graph.
    pub view: Rc<LineageView>,
    /// A resource was chosen (click or `Enter`): its unique_id. See [`route_of`].
    pub on_select: Callback<String>,
    /// A "+N more" box was chosen: the options that show what it folds. Without it, folded
    /// boxes only say how to see more.
    #[prop_or_default]
    pub on_expand: Option<Callback<LineageOptions>>,
}

/// The app route of a resource: `#/exposure/<id>` for exposures, `#/node/<id>` otherwise.
pub fn route_of(unique_id: &str) -> String {
    if unique_id.starts_with("exposure.") {
        format!("#/exposure/{unique_id}")
    } else {
        format!("#/node/{unique_id}")
    }
}

/// The part of the drawing shown, in drawing units (the SVG `viewBox`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ViewBox {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// The largest part of a drawing shown at first: bigger graphs open on their focus.
const FIRST_VIEW: (f64, f64) = (1300.0, 900.0);
/// Zoom limits: the narrowest view, and the widest as a multiple of the drawing.
const MIN_VIEW_WIDTH: f64 = 240.0;
const MAX_VIEW_FACTOR: f64 = 1.5;
const ZOOM_STEP: f64 = 1.25;
/// Share of the view an arrow key pans.
const PAN_STEP: f64 = 0.15;
/// Pointer travel (px) after which a press is a drag, not a click.
const DRAG_SLOP: f64 = 4.0;

impl ViewBox {
    /// The whole drawing.
    fn fit(view: &LineageView) -> ViewBox {
        ViewBox { x: 0.0, y: 0.0, w: view.width.max(1.0), h: view.height.max(1.0) }
    }

    /// The whole drawing when it is small; otherwise a first view with the focus at its right
    /// (or centred, when there is more to its right), vertically centred on it.
    fn initial(view: &LineageView) -> ViewBox {
        let (w, h) = (view.width.min(FIRST_VIEW.0), view.height.min(FIRST_VIEW.1));
        if w >= view.width && h >= view.height {
            return ViewBox::fit(view);
        }
        let Some(focus) = view.nodes.iter().find(|n| n.focus) else { return ViewBox::fit(view) };
        let right_of_focus = focus.x + focus.width + 16.0;
        let x = (right_of_focus - w).clamp(0.0, (view.width - w).max(0.0));
        let y = (focus.y + focus.height / 2.0 - h / 2.0).clamp(0.0, (view.height - h).max(0.0));
        ViewBox { x, y, w, h }
    }

    /// Zoomed by `factor` (< 1 zooms in) around the centre, within the limits.
    fn zoom(self, factor: f64, view: &LineageView) -> ViewBox {
        let max_w = view.width.max(view.height).max(MIN_VIEW_WIDTH) * MAX_VIEW_FACTOR;
        let w = (self.w * factor).clamp(MIN_VIEW_WIDTH, max_w);
        let k = w / self.w;
        let (cx, cy) = (self.x + self.w / 2.0, self.y + self.h / 2.0);
        let h = self.h * k;
        ViewBox { x: cx - w / 2.0, y: cy - h / 2.0, w, h }
    }

    /// Moved by a share of its size.
    fn pan(self, dx: f64, dy: f64) -> ViewBox {
        ViewBox { x: self.x + dx * self.w, y: self.y + dy * self.h, ..self }
    }

    /// Moved so the box is in view, if it is not.
    fn reveal(self, node: &LineageNode) -> ViewBox {
        let inside = node.x >= self.x
            && node.y >= self.y
            && node.x + node.width <= self.x + self.w
            && node.y + node.height <= self.y + self.h;
        if inside {
            return self;
        }
        ViewBox { x: node.x + node.width / 2.0 - self.w / 2.0, y: node.y + node.height / 2.0 - self.h / 2.0, ..self }
    }

    fn attribute(self) -> String {
        format!("{:.1} {:.1} {:.1} {:.1}", self.x, self.y, self.w, self.h)
    }

    /// The class giving the svg about this view's shape (height over width, rounded up to
    /// 1/5, 1/4, 1/3, 1/2 or 3/4; taller views get most of the window's height), so a flat
    /// graph does not sit in a tall empty frame.
    fn shape_class(self) -> &'static str {
        let ratio = self.h / self.w.max(1.0);
        [
            (0.2, "lg-ratio-20"),
            (0.25, "lg-ratio-25"),
            (0.34, "lg-ratio-33"),
            (0.5, "lg-ratio-50"),
            (0.75, "lg-ratio-75"),
        ]
        .into_iter()
        .find(|(r, _)| ratio <= *r)
        .map_or("lg-ratio-tall", |(_, c)| c)
    }
}

/// An edge's SVG path: straight through the columns it crosses, curved between them.
pub(crate) fn edge_path(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    let Some(&(x0, y0)) = points.first() else { return d };
    d.push_str(&format!("M{x0:.1},{y0:.1}"));
    for w in points.windows(2) {
        let ((ax, ay), (bx, by)) = (w[0], w[1]);
        if (ay - by).abs() < 0.5 {
            d.push_str(&format!(" L{bx:.1},{by:.1}"));
        } else {
            let mid = (ax + bx) / 2.0;
            d.push_str(&format!(" C{mid:.1},{ay:.1} {mid:.1},{by:.1} {bx:.1},{by:.1}"));
        }
    }
    d
}

/// The PHI status in words (colour is never the only signal).
pub(crate) fn phi_words(status: Option<Status>, resource_type: &str) -> &'static str {
    match (status, resource_type) {
        (Some(Status::Inherited), "exposure") => "PHI reaches",
        (Some(Status::None), "exposure") => "no PHI",
        (Some(Status::Declared), _) => "PHI declared",
        (Some(Status::Detected), _) => "PHI detected",
        (Some(Status::Inherited), _) => "PHI inherited",
        (Some(Status::PossiblyInherited), _) => "possibly PHI",
        (Some(Status::Deidentified), _) => "de-identified",
        (Some(Status::None), _) => "no PHI",
        (None, _) => "not classified",
    }
}

/// The score in words: `80 B`, or `unscored`.
fn score_words(node: &LineageNode) -> String {
    match (node.score, node.grade) {
        (Some(s), Some(g)) => format!("{s} {g}"),
        (Some(s), None) => s.to_string(),
        _ => "unscored".to_string(),
    }
}

/// The second line of a box.
fn meta_line(node: &LineageNode) -> String {
    format!("{} · {} · {}", node.resource_type, score_words(node), phi_words(node.phi_status, &node.resource_type))
}

/// What a screen reader says for a box: its visible text first, in full (WCAG 2.5.3, label in
/// name: a speech user says what they see), then what the box shows by colour and position.
fn spoken(node: &LineageNode, second: &str) -> String {
    if let Some(count) = node.collapsed_count {
        return format!("{} {second}: {count} resources folded", node.label);
    }
    let focus = if node.focus { ", the resource this graph is about" } else { "" };
    let score = match (node.score, node.grade) {
        (Some(s), Some(g)) => format!("score {s} of 100, grade {g}"),
        _ => "no score".to_string(),
    };
    format!("{} {second}; {score}{focus}", node.label)
}

fn node_classes(node: &LineageNode) -> Classes {
    let grade = match node.grade {
        Some(g) => format!("lg-grade-{}", g.to_ascii_lowercase()),
        None => "lg-grade-none".to_string(),
    };
    let phi = match node.phi_status {
        Some(s) => format!("lg-phi-{}", s.as_str()),
        None => "lg-phi-unknown".to_string(),
    };
    classes!(
        "lg-node",
        grade,
        phi,
        node.focus.then_some("lg-focus"),
        node.collapsed.is_some().then_some("lg-collapsed"),
        format!("lg-type-{}", node.resource_type.replace(|c: char| !c.is_ascii_alphanumeric(), "-"))
    )
}

/// Where a drag started.
#[derive(Debug, Clone, Copy)]
struct Drag {
    client: (f64, f64),
    from: ViewBox,
    /// Drawing units per screen pixel.
    scale: f64,
    moved: bool,
    active: bool,
}

/// The graph, its controls and its list.
#[function_component(LineageGraph)]
pub fn lineage_graph(props: &LineageGraphProps) -> Html {
    let view = props.view.clone();
    let view_box = use_state(|| ViewBox::initial(&view));
    let drag: Rc<RefCell<Option<Drag>>> = use_mut_ref(|| None);
    let svg_ref = use_node_ref();
    {
        let view_box = view_box.clone();
        use_effect_with(view.clone(), move |v| view_box.set(ViewBox::initial(v)));
    }

    let set_box = |f: Rc<dyn Fn(ViewBox) -> ViewBox>| {
        let view_box = view_box.clone();
        Callback::from(move |_: MouseEvent| view_box.set(f(*view_box)))
    };
    let zoom_in = {
        let v = view.clone();
        set_box(Rc::new(move |b| b.zoom(1.0 / ZOOM_STEP, &v)))
    };
    let zoom_out = {
        let v = view.clone();
        set_box(Rc::new(move |b| b.zoom(ZOOM_STEP, &v)))
    };
    let fit = {
        let v = view.clone();
        set_box(Rc::new(move |_| ViewBox::fit(&v)))
    };
    let reset = {
        let v = view.clone();
        set_box(Rc::new(move |_| ViewBox::initial(&v)))
    };

    let onwheel = {
        let view_box = view_box.clone();
        let v = view.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let factor = if e.delta_y() > 0.0 { ZOOM_STEP } else { 1.0 / ZOOM_STEP };
            view_box.set(view_box.zoom(factor, &v));
        })
    };
    let onkeydown = {
        let view_box = view_box.clone();
        let v = view.clone();
        Callback::from(move |e: KeyboardEvent| {
            let b = *view_box;
            let next = match e.key().as_str() {
                "ArrowLeft" => b.pan(-PAN_STEP, 0.0),
                "ArrowRight" => b.pan(PAN_STEP, 0.0),
                "ArrowUp" => b.pan(0.0, -PAN_STEP),
                "ArrowDown" => b.pan(0.0, PAN_STEP),
                "+" | "=" => b.zoom(1.0 / ZOOM_STEP, &v),
                "-" | "_" => b.zoom(ZOOM_STEP, &v),
                "0" => ViewBox::initial(&v),
                _ => return,
            };
            e.prevent_default();
            view_box.set(next);
        })
    };
    let onpointerdown = {
        let view_box = view_box.clone();
        let drag = drag.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let b = *view_box;
            // meet: the drawing scales by the tighter of the two ratios.
            let scale = svg_ref
                .cast::<web_sys::Element>()
                .map(|el| (f64::from(el.client_width()), f64::from(el.client_height())))
                .filter(|(w, h)| *w > 0.0 && *h > 0.0)
                .map_or(1.0, |(w, h)| (b.w / w).max(b.h / h));
            *drag.borrow_mut() = Some(Drag {
                client: (f64::from(e.client_x()), f64::from(e.client_y())),
                from: b,
                scale,
                moved: false,
                active: true,
            });
        })
    };
    let onpointermove = {
        let view_box = view_box.clone();
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            let mut d = drag.borrow_mut();
            let Some(state) = d.as_mut().filter(|s| s.active) else { return };
            let dx = f64::from(e.client_x()) - state.client.0;
            let dy = f64::from(e.client_y()) - state.client.1;
            if !state.moved && dx.abs() + dy.abs() < DRAG_SLOP {
                return;
            }
            state.moved = true;
            let from = state.from;
            view_box.set(ViewBox { x: from.x - dx * state.scale, y: from.y - dy * state.scale, ..from });
        })
    };
    let end_drag = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| {
            if let Some(state) = drag.borrow_mut().as_mut() {
                state.active = false;
            }
        })
    };
    // A press that dragged is not a click on the box under it.
    let dragged = {
        let drag = drag.clone();
        move || drag.borrow().is_some_and(|d| d.moved)
    };

    let choose = {
        let on_select = props.on_select.clone();
        let on_expand = props.on_expand.clone();
        Rc::new(move |node: &LineageNode| {
            if node.collapsed.is_some() {
                if let (Some(cb), Some(options)) = (&on_expand, node.expand) {
                    cb.emit(options);
                }
            } else {
                on_select.emit(node.unique_id.clone());
            }
        })
    };

    let expandable = props.on_expand.is_some();
    let nodes = view.nodes.iter().map(|node| {
        let onclick = {
            let choose = choose.clone();
            let node = node.clone();
            let dragged = dragged.clone();
            Callback::from(move |_: MouseEvent| {
                if !dragged() {
                    choose(&node);
                }
            })
        };
        let onkeydown = {
            let choose = choose.clone();
            let node = node.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    e.stop_propagation();
                    choose(&node);
                }
            })
        };
        let onfocus = {
            let view_box = view_box.clone();
            let node = node.clone();
            Callback::from(move |_: FocusEvent| {
                let next = view_box.reveal(&node);
                if next != *view_box {
                    view_box.set(next);
                }
            })
        };
        let folded = node.collapsed.is_some();
        let interactive = !folded || expandable;
        let testid = if folded { "lineage-collapsed" } else { "lineage-node" };
        let role = if folded { "button" } else { "link" };
        let second = if folded {
            match (node.collapsed, expandable) {
                (_, false) => "raise the limits to see them".to_string(),
                (Some(Collapsed::Column), true) => "select to show all".to_string(),
                _ => "select to show more".to_string(),
            }
        } else {
            meta_line(node)
        };
        let is_phi = node.phi_status.is_some_and(Status::is_phi);
        let truncated = node.short_label != node.label;
        html! {
            <>
            <g class={node_classes(node)}
               transform={format!("translate({:.1},{:.1})", node.x, node.y)}
               tabindex={interactive.then_some("0")}
               role={interactive.then_some(role)}
               aria-label={spoken(node, &second)}
               data-testid={testid}
               data-unique-id={node.unique_id.clone()}
               onclick={interactive.then_some(onclick)}
               onkeydown={interactive.then_some(onkeydown)}
               {onfocus}>
                <rect class="lg-box" width={node.width.to_string()} height={node.height.to_string()} rx="6" />
                <rect class="lg-band" width="6" height={node.height.to_string()} rx="3" />
                // The whole name, cut at the box's edge (an ellipsis marks a name longer than
                // the core's short label), so the box's text is its name in full; the space
                // keeps it and the next line apart as words in that text.
                <text class="lg-name" x="14" y="18" clip-path="url(#lg-name-clip)">
                    { format!("{} ", node.label) }
                </text>
                if truncated {
                    <text class="lg-name lg-ellipsis" x={(node.width - NAME_END).to_string()} y="18" aria-hidden="true">{ "…" }</text>
                }
                <text class="lg-meta" x="14" y="35">{ second }</text>
            </g>
            // The meta line says "PHI …" in words; the badge repeats it at a glance. It is
            // drawn beside the box, not in it, so that the box's text is what its name says.
            if is_phi {
                <g class="lg-badge-mark" aria-hidden="true" transform={format!("translate({:.1},{:.1})", node.x, node.y)}>
                    <rect class="lg-badge" x={(node.width - 40.0).to_string()} y="-8" width="34" height="16" rx="8" />
                    <text class="lg-badge-text" x={(node.width - 23.0).to_string()} y="4">{ "PHI" }</text>
                </g>
            }
            </>
        }
    });

    let edge = |e: &LineageEdge| {
        let marker = if e.carries_phi { "url(#lg-arrow-phi)" } else { "url(#lg-arrow)" };
        html! {
            <path class={classes!("lg-edge", e.carries_phi.then_some("lg-edge-phi"))}
                  d={edge_path(&e.points)}
                  marker-end={marker}
                  data-from={e.from.clone()} data-to={e.to.clone()} />
        }
    };
    // PHI edges last, so they are drawn over the others.
    let plain_edges = view.edges.iter().filter(|e| !e.carries_phi).map(edge);
    let phi_edges = view.edges.iter().filter(|e| e.carries_phi).map(edge);

    let phi_count = view.edges.iter().filter(|e| e.carries_phi).count();
    let focus_label = view.nodes.iter().find(|n| n.focus).map_or(view.focus.as_str(), |n| n.label.as_str());
    let resources = view.nodes.iter().filter(|n| n.collapsed.is_none()).count();
    let summary = format!(
        "Lineage of {focus_label}: {resources} resources drawn, {} upstream and {} downstream in all{}; {phi_count} {} carrying PHI.",
        view.upstream_total,
        view.downstream_total,
        if view.hidden > 0 { format!(", {} folded into “+N more” boxes", view.hidden) } else { String::new() },
        if phi_count == 1 { "edge" } else { "edges" },
    );

    html! {
        <section class="lineage-graph" aria-label={format!("Lineage graph of {focus_label}")}>
            <div class="lg-toolbar" role="toolbar" aria-label="Graph view">
                <button type="button" onclick={zoom_in} aria-label="Zoom in">{ "+" }</button>
                <button type="button" onclick={zoom_out} aria-label="Zoom out">{ "−" }</button>
                <button type="button" onclick={fit}>{ "Fit" }</button>
                <button type="button" onclick={reset}>{ "Reset" }</button>
                <span class="lg-hint">{ "Drag or use the arrow keys to move, the wheel or + and − to zoom." }</span>
            </div>
            <p class="lg-summary" data-testid="lineage-summary">{ summary }</p>
            <svg class={classes!("lg-svg", ViewBox::initial(&view).shape_class())}
                 data-testid="lineage-graph"
                 ref={svg_ref}
                 viewBox={view_box.attribute()}
                 preserveAspectRatio="xMidYMid meet"
                 tabindex="0"
                 role="group"
                 aria-roledescription="lineage graph"
                 aria-label={summary_short(&view, focus_label)}
                 {onwheel}
                 {onkeydown}
                 {onpointerdown}
                 {onpointermove}
                 onpointerup={end_drag.clone()}
                 onpointerleave={end_drag.clone()}
                 onpointercancel={end_drag}>
                <defs>
                    // Where a long name is cut: the box's width less the ellipsis.
                    <clipPath id="lg-name-clip">
                        <rect x="0" y="0" width={(NODE_WIDTH - NAME_END).to_string()} height="24" />
                    </clipPath>
                    <marker id="lg-arrow" class="lg-marker" viewBox="0 0 10 10" refX="10" refY="5"
                            markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" />
                    </marker>
                    <marker id="lg-arrow-phi" class="lg-marker-phi" viewBox="0 0 10 10" refX="10" refY="5"
                            markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 L3,5 z" />
                    </marker>
                </defs>
                <g class="lg-edges">{ for plain_edges }{ for phi_edges }</g>
                <g class="lg-nodes">{ for nodes }</g>
            </svg>
            <Legend />
            <NodeList view={view.clone()} on_choose={Callback::from(move |n: LineageNode| choose(&n))} {expandable} />
        </section>
    }
}

/// The svg's own label.
fn summary_short(view: &LineageView, focus_label: &str) -> String {
    format!(
        "Lineage graph of {focus_label}, sources at the left; {} boxes. The list below the graph says the same in words.",
        view.nodes.len()
    )
}

/// What the colours and marks mean, in words.
#[function_component(Legend)]
fn legend() -> Html {
    html! {
        <ul class="lg-legend" aria-label="Legend">
            <li><span class="lg-key lg-grade-a">{ "A" }</span>{ " … " }<span class="lg-key lg-grade-f">{ "F" }</span>{ " score grade (the band at the left of a box)" }</li>
            <li><span class="lg-key lg-key-badge">{ "PHI" }</span>{ " the resource holds PHI (its status is written in the box)" }</li>
            <li><span class="lg-key lg-key-phi-edge">{ "━━▶" }</span>{ " thick edges carry PHI" }</li>
            <li><span class="lg-key lg-key-collapsed">{ "+N more" }</span>{ " resources folded to keep the graph readable" }</li>
        </ul>
    }
}

/// Props of [`NodeList`].
#[derive(Properties, PartialEq)]
struct NodeListProps {
    view: Rc<LineageView>,
    on_choose: Callback<LineageNode>,
    expandable: bool,
}

/// The graph as a list, column by column: each resource, its score, its PHI status and what
/// it reads.
#[function_component(NodeList)]
fn node_list(props: &NodeListProps) -> Html {
    let view = &props.view;
    let label_of =
        |id: &str| view.nodes.iter().find(|n| n.unique_id == id).map_or_else(|| id.to_string(), |n| n.label.clone());
    let items = view.nodes.iter().map(|node| {
        let reads: Vec<String> = view
            .edges
            .iter()
            .filter(|e| e.to == node.unique_id)
            .map(|e| if e.carries_phi { format!("{} (PHI)", label_of(&e.from)) } else { label_of(&e.from) })
            .collect();
        let reads = if reads.is_empty() { String::new() } else { format!("; reads {}", reads.join(", ")) };
        let onclick = {
            let on_choose = props.on_choose.clone();
            let node = node.clone();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                on_choose.emit(node.clone());
            })
        };
        if let Some(count) = node.collapsed_count {
            let text = format!("{} ({count} resources folded)", node.label);
            return html! {
                <li>
                    if props.expandable {
                        <button type="button" {onclick}>{ text }</button>
                    } else {
                        { text }
                    }
                    { reads }
                </li>
            };
        }
        html! {
            <li>
                <a href={route_of(&node.unique_id)} {onclick}>{ node.label.clone() }</a>
                { format!(" — {}, {}, {}{reads}", node.resource_type, score_words(node), phi_words(node.phi_status, &node.resource_type)) }
            </li>
        }
    });
    html! {
        <details class="lg-list" data-testid="lineage-list">
            <summary>{ format!("The graph as a list ({} boxes, sources first)", view.nodes.len()) }</summary>
            <ol>{ for items }</ol>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn node(id: &str, x: f64, y: f64, focus: bool) -> LineageNode {
        LineageNode {
            unique_id: id.to_string(),
            label: id.to_string(),
            short_label: id.to_string(),
            resource_type: "model".to_string(),
            column: 0,
            x,
            y,
            width: 200.0,
            height: 44.0,
            score: Some(80),
            grade: Some('B'),
            phi_status: Some(Status::Inherited),
            focus,
            collapsed: None,
            collapsed_count: None,
            expand: None,
        }
    }

    fn view(width: f64, height: f64, nodes: Vec<LineageNode>) -> LineageView {
        LineageView {
            focus: "exposure.p.e".to_string(),
            options: LineageOptions::default(),
            nodes,
            edges: Vec::new(),
            width,
            height,
            truncated: false,
            upstream_total: 0,
            downstream_total: 0,
            hidden: 0,
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn routes_exposures_and_nodes() {
        assert_eq!(route_of("exposure.clinic.dash"), "#/exposure/exposure.clinic.dash");
        assert_eq!(route_of("model.clinic.patients"), "#/node/model.clinic.patients");
        assert_eq!(route_of("source.clinic.raw.patients"), "#/node/source.clinic.raw.patients");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn draws_edges_straight_in_columns_and_curved_between() {
        assert_eq!(edge_path(&[]), "");
        assert_eq!(
            edge_path(&[(0.0, 10.0), (50.0, 30.0), (250.0, 30.0), (300.0, 20.0)]),
            "M0.0,10.0 C25.0,10.0 25.0,30.0 50.0,30.0 L250.0,30.0 C275.0,30.0 275.0,20.0 300.0,20.0"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn says_the_phi_status_in_words() {
        assert_eq!(phi_words(Some(Status::Declared), "model"), "PHI declared");
        assert_eq!(phi_words(Some(Status::Inherited), "exposure"), "PHI reaches");
        assert_eq!(phi_words(Some(Status::None), "exposure"), "no PHI");
        assert_eq!(phi_words(None, "metric"), "not classified");
        let n = node("model.p.a", 0.0, 0.0, false);
        assert_eq!(meta_line(&n), "model · 80 B · PHI inherited");
        // The name starts with what the box shows (label in name), then says the rest.
        assert_eq!(spoken(&n, &meta_line(&n)), "model.p.a model · 80 B · PHI inherited; score 80 of 100, grade B");
        let classes = node_classes(&n).to_string();
        assert!(classes.contains("lg-grade-b") && classes.contains("lg-phi-inherited"), "{classes}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn small_graphs_fit_and_big_ones_open_on_their_focus() {
        let small = view(800.0, 300.0, vec![node("exposure.p.e", 580.0, 100.0, true)]);
        assert_eq!(ViewBox::initial(&small), ViewBox { x: 0.0, y: 0.0, w: 800.0, h: 300.0 });
        let big = view(1864.0, 18976.0, vec![node("exposure.p.e", 1648.0, 9000.0, true)]);
        let b = ViewBox::initial(&big);
        assert_eq!((b.w, b.h), FIRST_VIEW);
        assert_eq!(b.x, 1864.0 - FIRST_VIEW.0);
        assert_eq!(b.shape_class(), "lg-ratio-75");
        assert_eq!(ViewBox::initial(&small).shape_class(), "lg-ratio-50");
        assert_eq!(ViewBox { x: 0.0, y: 0.0, w: 100.0, h: 1000.0 }.shape_class(), "lg-ratio-tall");
        assert!(b.y < 9000.0 && b.y + b.h > 9044.0, "{b:?}");
        // Zooming keeps the centre and stays within the limits.
        let z = b.zoom(0.5, &big);
        assert_eq!((z.x + z.w / 2.0, z.y + z.h / 2.0), (b.x + b.w / 2.0, b.y + b.h / 2.0));
        assert_eq!(b.zoom(0.0001, &big).w, MIN_VIEW_WIDTH);
        assert_eq!(b.zoom(1e6, &big).w, 18976.0 * MAX_VIEW_FACTOR);
        // A box out of view is brought into it.
        let far = node("model.p.far", 10.0, 100.0, false);
        let r = b.reveal(&far);
        assert!(r.x <= 10.0 && r.x + r.w >= 210.0 && r.y <= 100.0 && r.y + r.h >= 144.0, "{r:?}");
        assert_eq!(r.reveal(&far), r);
    }
}

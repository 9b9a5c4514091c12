package incident

import (
	"strconv"
	"strings"
)

// DOT returns lc as a Graphviz digraph: states in definition order (terminal
// states drawn with a double border, flags under the name), one solid edge
// per transition labelled "action [guard, ...]", and one dashed edge per
// state a trigger can act from, labelled "on trigger (hold reasons)". The
// output is deterministic.
func (lc *Lifecycle) DOT() string {
	if !lc.built() {
		return ""
	}
	var b strings.Builder
	b.WriteString("digraph lifecycle {\n\trankdir=LR;\n\tnode [shape=box, style=rounded];\n")
	b.WriteString("\t\"_start\" [shape=point, label=\"\"];\n")
	b.WriteString("\t\"_start\" -> " + strconv.Quote(string(lc.initial.name)) + ";\n")
	for _, n := range lc.order {
		b.WriteString("\t" + strconv.Quote(string(n.name)) + " [label=" +
			strconv.Quote(string(n.name)+"\n("+n.flags.String()+")"))
		if n.flags.Has(FlagTerminal) {
			b.WriteString(", peripheries=2")
		}
		b.WriteString("];\n")
	}
	for _, n := range lc.order {
		for _, t := range n.out {
			b.WriteString("\t" + strconv.Quote(string(n.name)) + " -> " + strconv.Quote(string(t.to.name)) +
				" [label=" + strconv.Quote(transitionLabel(t)) + "];\n")
		}
	}
	lc.triggerEdges(func(from, to State, label string) {
		b.WriteString("\t" + strconv.Quote(string(from)) + " -> " + strconv.Quote(string(to)) +
			" [label=" + strconv.Quote(label) + ", style=dashed];\n")
	})
	b.WriteString("}\n")
	return b.String()
}

// Mermaid returns lc as a Mermaid stateDiagram-v2: the initial and terminal
// pseudo-states, every state declared with its name and flags as its label
// (`state "on_hold (open, on_hold)" as s_on_hold`), one transition per
// lifecycle transition labelled "action [guard, ...]" and one per state a
// trigger can act from, labelled "on trigger (hold reasons)". Every id is
// "s_" and the state's name, so no name collides with a Mermaid keyword
// ("end", "state") or with another state's id ("end" and "end_state" stay
// two nodes), and the label, not the id, is what the diagram shows. The
// output is deterministic.
func (lc *Lifecycle) Mermaid() string {
	if !lc.built() {
		return ""
	}
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	for _, n := range lc.order {
		b.WriteString("    state " + mermaidLabel(string(n.name)+" ("+n.flags.String()+")") + " as " + mermaidID(n.name) + "\n")
	}
	b.WriteString("    [*] --> " + mermaidID(lc.initial.name) + "\n")
	for _, n := range lc.order {
		for _, t := range n.out {
			b.WriteString("    " + mermaidID(n.name) + " --> " + mermaidID(t.to.name) + " : " + transitionLabel(t) + "\n")
		}
	}
	lc.triggerEdges(func(from, to State, label string) {
		b.WriteString("    " + mermaidID(from) + " --> " + mermaidID(to) + " : " + label + "\n")
	})
	for _, n := range lc.order {
		if n.flags.Has(FlagTerminal) {
			b.WriteString("    " + mermaidID(n.name) + " --> [*]\n")
		}
	}
	return b.String()
}

func transitionLabel(t transitionNode) string {
	if len(t.guards) == 0 {
		return string(t.action)
	}
	names := make([]string, len(t.guards))
	for i, g := range t.guards {
		names[i] = g.name
	}
	return string(t.action) + " [" + strings.Join(names, ", ") + "]"
}

// triggerEdges calls edge for every state a trigger can act from. A trigger
// restricted to hold reasons can only act from on-hold states.
func (lc *Lifecycle) triggerEdges(edge func(from, to State, label string)) {
	for _, tr := range lc.triggers {
		label := "on " + tr.on.String()
		if len(tr.holdReasons) > 0 {
			rs := make([]string, len(tr.holdReasons))
			for i, r := range tr.holdReasons {
				rs[i] = string(r)
			}
			label += " (" + strings.Join(rs, ", ") + ")"
		}
		for _, n := range lc.order {
			if len(tr.holdReasons) > 0 && !n.flags.Has(FlagOnHold) {
				continue
			}
			if t := n.transition(tr.action); t != nil {
				edge(n.name, t.to.name, label)
			}
		}
	}
}

// mermaidID is the id of a state in Mermaid: a prefix no keyword has, then
// the name (a lower-case word), so distinct names give distinct ids.
func mermaidID(s State) string { return "s_" + string(s) }

// mermaidLabel quotes s for a Mermaid state declaration; a double quote,
// which Mermaid cannot escape in a string, becomes its entity code.
func mermaidLabel(s string) string { return `"` + strings.ReplaceAll(s, `"`, "#quot;") + `"` }

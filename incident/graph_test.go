package incident_test

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), got)
}

func TestGraphGolden(t *testing.T) {
	lc := defaultLC(t)
	golden(t, "default.dot", lc.DOT())
	golden(t, "default.mmd", lc.Mermaid())
}

func TestGraphLabels(t *testing.T) {
	lc := defaultLC(t)
	dot := lc.DOT()
	assert.Contains(t, dot, `"resolved" -> "closed" [label="close [resolved, review]"];`)
	assert.Contains(t, dot, `"on_hold" -> "in_progress" [label="on caller_reply (awaiting_caller)", style=dashed];`)
	assert.Contains(t, dot, `"_start" -> "new";`)
	mmd := lc.Mermaid()
	assert.True(t, strings.HasPrefix(mmd, "stateDiagram-v2\n"))
	assert.Contains(t, mmd, "    state \"on_hold (open, on_hold)\" as s_on_hold\n", "the name is the label")
	assert.Contains(t, mmd, "    s_resolved --> s_in_progress : reopen [reopen_window, reason]\n")
	assert.Contains(t, mmd, "    s_cancelled --> [*]\n")
	assert.NotRegexp(t, `(?m)^\s+s_\w+ : `, mmd, "a description line would replace the state's name in the drawing")
}

// TestGraphNamesSurvive is the bug of issue 17: Mermaid drew "new : open"
// as a state labelled "open", and the states end_state and end collapsed
// into one node with a self-loop. Every name must appear as its own node.
func TestGraphNamesSurvive(t *testing.T) {
	tests := []struct {
		name   string
		states []incident.State
	}{
		{"keywords", []incident.State{"state", "end", "note", "direction", "class", "as"}},
		{"a keyword and its old escape", []incident.State{"begin", "end_state", "end"}},
		{"prefix-like names", []incident.State{"s", "s_s", "s_"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := incident.Definition{Initial: tt.states[0], Majors: incident.MajorsUnreviewed}
			for i, s := range tt.states {
				flags := incident.FlagOpen
				if i == len(tt.states)-1 {
					flags = incident.FlagResolved | incident.FlagTerminal
				}
				def.States = append(def.States, incident.StateSpec{Name: s, Flags: flags})
				if i > 0 {
					def.Transitions = append(def.Transitions, incident.TransitionSpec{From: tt.states[i-1], Action: "next", To: s})
				}
			}
			lc, err := incident.NewLifecycle(def)
			require.NoError(t, err)
			mmd, dot := lc.Mermaid(), lc.DOT()
			ids := map[string]bool{}
			for _, s := range tt.states {
				line := "    state \"" + string(s)
				assert.Contains(t, mmd, line, "Mermaid shows %s", s)
				for _, l := range strings.Split(mmd, "\n") {
					if strings.HasPrefix(l, line+" (") {
						id := l[strings.LastIndex(l, " as ")+4:]
						assert.False(t, ids[id], "id %s given twice", id)
						ids[id] = true
					}
				}
				label := strconv.Quote(string(s) + "\n(")
				assert.Contains(t, dot, strconv.Quote(string(s))+" [label="+label[:len(label)-1], "DOT shows %s", s)
			}
			assert.Len(t, ids, len(tt.states))
			assert.NotContains(t, mmd, "--> s_end_state : next\n    s_end_state --> s_end_state", "no self-loop from collapsed nodes")
			for i := 1; i < len(tt.states); i++ {
				assert.Contains(t, mmd, "    s_"+string(tt.states[i-1])+" --> s_"+string(tt.states[i])+" : next\n")
			}
		})
	}
}

// TestGraphRendersWithGraphviz draws the DOT output with Graphviz, when it
// is installed (Debian: graphviz), and checks that the drawing shows every
// state's name as a node of its own.
func TestGraphRendersWithGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("graphviz's dot is not installed")
	}
	def := incident.Definition{Initial: "begin", Majors: incident.MajorsRefused,
		States: []incident.StateSpec{{Name: "begin", Flags: incident.FlagOpen}, {Name: "end_state", Flags: incident.FlagOpen},
			{Name: "end", Flags: incident.FlagResolved | incident.FlagTerminal}},
		Transitions: []incident.TransitionSpec{{From: "begin", Action: "next", To: "end_state"}, {From: "end_state", Action: "finish", To: "end"}}}
	custom, err := incident.NewLifecycle(def)
	require.NoError(t, err)
	for _, lc := range []*incident.Lifecycle{defaultLC(t), custom} {
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = strings.NewReader(lc.DOT())
		svg, err := cmd.Output()
		require.NoError(t, err)
		d := lc.Definition()
		assert.Equal(t, len(d.States), strings.Count(string(svg), `<g id="node`)-1, "one node per state and the start point")
		for _, s := range d.States {
			assert.Contains(t, string(svg), ">"+string(s.Name)+"</text>", "the drawing shows %s", s.Name)
		}
	}
}

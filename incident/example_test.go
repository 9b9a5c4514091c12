package incident_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/incident"
)

func ExampleNewMatrix() {
	// Four impact levels, three urgency levels.
	m, err := incident.NewMatrix([][]incident.Priority{
		{incident.P1, incident.P1, incident.P2},
		{incident.P1, incident.P2, incident.P3},
		{incident.P2, incident.P3, incident.P4},
		{incident.P3, incident.P4, incident.P5},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := m.Priority(2, 3)
	fmt.Println(m.Impacts(), "x", m.Urgencies(), "impact 2 urgency 3:", p)

	_, err = incident.NewMatrix([][]incident.Priority{{1, 2, 3}, {2, 3, 4}, {3, 4, 0}})
	fmt.Println(err)
	// Output:
	// 4 x 3 impact 2 urgency 3: P3
	// incident: matrix[2][2] "0": cell is not set
}

func ExampleITILMatrix() {
	m := incident.ITILMatrix()
	for i := incident.Impact(1); int(i) <= m.Impacts(); i++ {
		var row []string
		for u := incident.Urgency(1); int(u) <= m.Urgencies(); u++ {
			p, _ := m.Priority(i, u)
			row = append(row, p.String())
		}
		fmt.Println(strings.Join(row, " "))
	}
	// Output:
	// P1 P2 P3
	// P2 P3 P4
	// P3 P4 P5
}

func ExampleDefaultLifecycle() {
	lc, err := incident.DefaultLifecycle(incident.WithReopenWindow(72 * time.Hour))
	if err != nil {
		fmt.Println(err)
		return
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

	// The host validates each new event and stores it if Apply accepts it.
	inc, eff, _ := incident.Incident{}.Apply(lc, incident.Event{At: at, Actor: "carol", Type: incident.EventOpen,
		ID: "INC0042", Title: "VPN down for the whole office", Impact: 1, Urgency: 2, CustomerDeclared: true,
		Group: "network"})
	fmt.Println(inc.State, inc.Priority, inc.PriorityBasis, eff.Triggered)

	inc, _, _ = inc.Apply(lc, incident.Event{At: at.Add(5 * time.Minute), Actor: "dave", Type: incident.EventAssign, Assignee: "dave"})
	inc, eff, _ = inc.Apply(lc, incident.Event{At: at.Add(6 * time.Minute), Actor: "dave", Type: incident.EventTransition, Action: incident.ActionStart})
	fmt.Println(eff.From.State, "->", eff.To.State)

	_, _, err = inc.Apply(lc, incident.Event{At: at.Add(time.Hour), Actor: "dave", Type: incident.EventTransition, Action: incident.ActionResolve})
	var te *incident.TransitionError
	if errors.As(err, &te) {
		fmt.Println("refused by", te.Guard+":", te.Reason)
	}
	fmt.Println(errors.Is(err, incident.ErrGuard), inc.HistoryLen())
	// Output:
	// assigned P1 customer true
	// assigned -> in_progress
	// refused by resolution: a resolution code and a resolution note are required
	// true 3
}

func ExampleReplay() {
	lc, _ := incident.DefaultLifecycle()
	at := func(m int) time.Time { return time.Date(2026, 3, 2, 9, m, 0, 0, time.UTC) }
	history := []incident.Event{
		{At: at(0), Actor: "carol", Type: incident.EventOpen, ID: "INC7", Impact: 2, Urgency: 2},
		{At: at(1), Actor: "alice", Type: incident.EventAssign, Group: "service-desk", Assignee: "bob"},
		{At: at(2), Actor: "bob", Type: incident.EventTransition, Action: incident.ActionStart},
		{At: at(3), Actor: "bob", Type: incident.EventTransition, Action: incident.ActionHold, HoldReason: incident.AwaitingCaller},
		{At: at(9), Actor: "carol", Type: incident.EventComment, Note: "log attached", FromCaller: true},
		{At: at(20), Actor: "bob", Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: "new certificate"},
		{At: at(15), Actor: "bob", Type: incident.EventComment, Note: "late entry"},
	}
	_, err := incident.Replay(lc, history)
	fmt.Println(err)

	c, _ := incident.Replay(lc, history[:6])
	inc := c.Incident
	fmt.Println(inc.State, inc.Priority, inc.ResolvedAt.Format("15:04"), inc.ResolutionCode)
	// Output:
	// incident: event 6 (comment): at "2026-03-02T09:15:00Z": is before the previous event at 2026-03-02T09:20:00Z
	// resolved P3 09:20 solved
}

// A consumer such as an SLA clock reads the chronicle: every event with its
// effects, and the spans of the incident's life.
func ExampleChronicle() {
	lc, _ := incident.DefaultLifecycle()
	at := func(m int) time.Time { return time.Date(2026, 3, 2, 9, m, 0, 0, time.UTC) }
	c, err := incident.Replay(lc, []incident.Event{
		{At: at(0), Actor: "carol", Type: incident.EventOpen, ID: "INC7", Group: "service-desk"},
		{At: at(1), Actor: "alice", Type: incident.EventAssign, Assignee: "bob"},
		{At: at(2), Actor: "bob", Type: incident.EventComment, Note: "looking into it", CustomerVisible: true},
		{At: at(3), Actor: "bob", Type: incident.EventTransition, Action: incident.ActionStart},
		{At: at(4), Actor: "bob", Type: incident.EventTransition, Action: incident.ActionHold, HoldReason: incident.AwaitingCaller},
		{At: at(9), Actor: "carol", Type: incident.EventComment, Note: "log attached", FromCaller: true},
		{At: at(12), Actor: "bob", Type: incident.EventComment, Note: "thanks, found it", CustomerVisible: true},
		{At: at(20), Actor: "bob", Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: "done"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, en := range c.Entries {
		if eff := en.Effects; eff.Entered(incident.FlagOnHold) || eff.Left(incident.FlagOnHold) {
			fmt.Println(en.Event.At.Format("15:04"), eff.From.State, "->", eff.To.State, "triggered:", eff.Triggered)
		}
	}
	for _, h := range c.Holds {
		fmt.Println("hold", c.Entries[h.Entry].Effects.To.HoldReason, h.Start.Format("15:04"), "-", h.End.Format("15:04"))
	}
	for _, r := range c.Replies {
		fmt.Println("reply", r.Start.Format("15:04"), "answered", r.End.Format("15:04"))
	}
	inc := c.Incident
	fmt.Println("acknowledged", inc.AcknowledgedAt.Format("15:04"), "responded", inc.FirstResponseAt.Format("15:04"), "resolved", inc.ResolvedAt.Format("15:04"))
	// Output:
	// 09:04 in_progress -> on_hold triggered: false
	// 09:09 on_hold -> in_progress triggered: true
	// hold awaiting_caller 09:04 - 09:09
	// reply 09:09 answered 09:12
	// acknowledged 09:01 responded 09:02 resolved 09:20
}

func ExampleAutoClose() {
	lc, _ := incident.DefaultLifecycle()
	resolved := time.Date(2026, 3, 6, 16, 0, 0, 0, time.UTC) // a Friday
	c, _ := incident.Replay(lc, []incident.Event{
		{At: resolved.Add(-time.Hour), Actor: "carol", Type: incident.EventOpen, ID: "INC9", Group: "desk", Assignee: "bob"},
		{At: resolved.Add(-time.Hour), Actor: "bob", Type: incident.EventTransition, Action: incident.ActionStart},
		{At: resolved, Actor: "bob", Type: incident.EventTransition, Action: incident.ActionResolve, ResolutionCode: "solved", Note: "ok"},
	})

	closeAt, due, _ := incident.AutoClose(c.Incident, incident.AutoClosePolicy{Days: 3}, resolved.Add(24*time.Hour))
	fmt.Println(closeAt.Format(time.RFC1123), due)

	week, _ := calendar.ParseWeek("Mon-Fri 09:00-17:00")
	desk, _ := calendar.New(time.UTC, week)
	policy := incident.AutoClosePolicy{Days: 3, BusinessDays: true, Calendar: desk}
	closeAt, due, _ = incident.AutoClose(c.Incident, policy, time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC))
	fmt.Println(closeAt.Format(time.RFC1123), due)
	// Output:
	// Mon, 09 Mar 2026 16:00:00 UTC false
	// Thu, 12 Mar 2026 00:00:00 UTC true
}

func ExampleLifecycle_Mermaid() {
	lc, _ := incident.DefaultLifecycle()
	fmt.Print(lc.Mermaid())
	// Output:
	// stateDiagram-v2
	//     state "new (open)" as s_new
	//     state "assigned (open)" as s_assigned
	//     state "in_progress (open)" as s_in_progress
	//     state "on_hold (open, on_hold)" as s_on_hold
	//     state "resolved (resolved)" as s_resolved
	//     state "closed (resolved, terminal)" as s_closed
	//     state "cancelled (terminal)" as s_cancelled
	//     [*] --> s_new
	//     s_new --> s_assigned : assign [assignment_group]
	//     s_new --> s_cancelled : cancel [reason, review]
	//     s_assigned --> s_in_progress : start [assignee]
	//     s_assigned --> s_cancelled : cancel [reason, review]
	//     s_in_progress --> s_on_hold : hold
	//     s_in_progress --> s_resolved : resolve [resolution]
	//     s_in_progress --> s_cancelled : cancel [reason, review]
	//     s_on_hold --> s_on_hold : hold
	//     s_on_hold --> s_in_progress : resume
	//     s_on_hold --> s_resolved : resolve [resolution]
	//     s_on_hold --> s_cancelled : cancel [reason, review]
	//     s_resolved --> s_closed : close [resolved, review]
	//     s_resolved --> s_in_progress : reopen [reopen_window, reason]
	//     s_new --> s_assigned : on assigned
	//     s_on_hold --> s_in_progress : on caller_reply (awaiting_caller)
	//     s_closed --> [*]
	//     s_cancelled --> [*]
}

func ExampleLifecycle_DOT() {
	lc, _ := incident.DefaultLifecycle()
	for _, line := range strings.Split(lc.DOT(), "\n") {
		if strings.Contains(line, `"resolved" ->`) || strings.Contains(line, "dashed") {
			fmt.Println(strings.TrimSpace(line))
		}
	}
	// Output:
	// "resolved" -> "closed" [label="close [resolved, review]"];
	// "resolved" -> "in_progress" [label="reopen [reopen_window, reason]"];
	// "new" -> "assigned" [label="on assigned", style=dashed];
	// "on_hold" -> "in_progress" [label="on caller_reply (awaiting_caller)", style=dashed];
}

func ExampleNewLifecycle() {
	// A three-state lifecycle in the style of a small help desk, with a
	// custom guard.
	def := incident.Definition{
		Initial: "open",
		States: []incident.StateSpec{
			{Name: "open", Flags: incident.FlagOpen},
			{Name: "waiting", Flags: incident.FlagOpen | incident.FlagOnHold},
			{Name: "done", Flags: incident.FlagResolved | incident.FlagTerminal},
		},
		Transitions: []incident.TransitionSpec{
			{From: "open", Action: "wait", To: "waiting"},
			{From: "waiting", Action: "continue", To: "open"},
			// A transition into a terminal state keeps the post-incident
			// review gate for major incidents (or the definition says
			// Majors: incident.MajorsUnreviewed).
			{From: "open", Action: "finish", To: "done", Guards: []string{"has_category", incident.GuardReview}},
		},
		Triggers:    []incident.TriggerSpec{{On: incident.TriggerCallerReply, Action: "continue"}},
		HoldReasons: []incident.HoldReason{"customer"},
	}
	lc, err := incident.NewLifecycle(def, incident.WithGuard("has_category", func(inc incident.Incident, _ incident.Event) string {
		if inc.Category == "" {
			return "categorize first"
		}
		return ""
	}))
	if err != nil {
		fmt.Println(err)
		return
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	inc, _, _ := incident.Incident{}.Apply(lc, incident.Event{At: at, Actor: "ann", Type: incident.EventOpen, ID: "T1"})
	_, _, err = inc.Apply(lc, incident.Event{At: at, Actor: "ann", Type: incident.EventTransition, Action: "finish"})
	fmt.Println(err)
	// Output:
	// incident: action finish in state open refused by guard has_category: categorize first
}

func ExampleOfferToChildren() {
	lc, _ := incident.DefaultLifecycle()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	open := func(id, parent string) incident.Incident {
		c, _ := incident.Replay(lc, []incident.Event{
			{At: at, Actor: "carol", Type: incident.EventOpen, ID: id, ParentID: parent, Group: "net", Assignee: "dave"},
			{At: at, Actor: "dave", Type: incident.EventTransition, Action: incident.ActionStart},
		})
		return c.Incident
	}
	parent := open("INC1", "")
	children := []incident.Incident{open("INC2", "INC1"), open("INC3", "INC9")}

	// The parent waits for its vendor: the host may hold the children too.
	hold := incident.Event{At: at.Add(time.Hour), Actor: "dave", Type: incident.EventTransition,
		Action: incident.ActionHold, HoldReason: incident.AwaitingVendor}
	offers, _ := incident.OfferToChildren(lc, parent, hold, children)
	for _, o := range offers {
		if o.Err != nil {
			fmt.Println(o.ChildID, "skipped:", errors.Is(o.Err, incident.ErrNotChild))
			continue
		}
		fmt.Println(o.ChildID, o.Event.Action, o.Event.HoldReason, o.Event.Reason)
	}

	// The parent is resolved: so may the children be.
	resolve := incident.Event{At: at.Add(2 * time.Hour), Actor: "dave", Type: incident.EventTransition,
		Action: incident.ActionResolve, ResolutionCode: "solved", Note: "core switch replaced", Fix: incident.FixPermanent}
	offers, _ = incident.OfferToChildren(lc, parent, resolve, children[:1])
	fmt.Println(offers[0].ChildID, offers[0].Event.Action, offers[0].Effects.Resolved, offers[0].Event.Reason)
	// Output:
	// INC2 hold awaiting_vendor held with parent incident INC1
	// INC3 skipped: true
	// INC2 resolve true resolved with parent incident INC1
}

// Apply validates one new event against the incident as it stands: the host
// stores the event only if Apply accepts it, and a refused event changes
// nothing.
func ExampleIncident_Apply() {
	lc, _ := incident.DefaultLifecycle()
	at := func(m int) time.Time { return time.Date(2026, 3, 2, 9, m, 0, 0, time.UTC) }
	inc, _, err := incident.Incident{}.Apply(lc, incident.Event{At: at(0), Actor: "carol", Type: incident.EventOpen,
		ID: "INC9", Impact: 2, Urgency: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inc.State, inc.Priority)

	_, _, err = inc.Apply(lc, incident.Event{At: at(1), Actor: "bob", Type: incident.EventTransition, Action: incident.ActionResolve,
		ResolutionCode: "solved", Note: "rebooted"})
	fmt.Println(errors.Is(err, incident.ErrNotAllowed), inc.State)

	inc, eff, _ := inc.Apply(lc, incident.Event{At: at(2), Actor: "dispatch", Type: incident.EventAssign, Group: "network", Assignee: "bob"})
	fmt.Println(inc.State, eff.FirstAssigned, inc.HistoryLen())
	// Output:
	// new P2
	// true new
	// assigned true 2
}

// A relate event links an incident to the problem that investigates it,
// the change that caused it, a known error or the incident it duplicates;
// the chronicle keeps every link with its span.
func ExampleChronicle_LinksOf() {
	lc, _ := incident.DefaultLifecycle()
	at := func(m int) time.Time { return time.Date(2026, 3, 2, 9, m, 0, 0, time.UTC) }
	c, err := incident.Replay(lc, []incident.Event{
		{At: at(0), Actor: "carol", Type: incident.EventOpen, ID: "INC7", Group: "net", Assignee: "dave"},
		{At: at(5), Actor: "dave", Type: incident.EventRelate, Relation: incident.RelatedCausedBy, RelatedID: "CHG42"},
		{At: at(9), Actor: "pm", Type: incident.EventRelate, Relation: incident.RelatedProblem, RelatedID: "PRB3"},
		{At: at(20), Actor: "pm", Type: incident.EventRelate, Relation: incident.RelatedProblem, RelatedID: "PRB4"},
		{At: at(30), Actor: "dave", Type: incident.EventTransition, Action: incident.ActionStart},
		{At: at(40), Actor: "dave", Type: incident.EventTransition, Action: incident.ActionResolve,
			ResolutionCode: "solved", Note: "rolled the change back", Fix: incident.FixWorkaround},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range c.LinksOf(incident.RelatedProblem) {
		fmt.Println(c.Entries[s.Entry].Event.RelatedID, s.Start.Format("15:04"), s.Lasts())
	}
	fmt.Println(c.Incident.Related(incident.RelatedCausedBy), c.Incident.Fix)
	// Output:
	// PRB3 09:09 false
	// PRB4 09:20 true
	// CHG42 workaround
}

// The major-incident workflow: an agent proposes, the major incident
// manager accepts; who and when stay on the incident and in the chronicle.
// A major incident is cancelled only after its post-incident review.
func ExampleMajorStep() {
	lc, _ := incident.DefaultLifecycle()
	at := func(m int) time.Time { return time.Date(2026, 3, 2, 9, m, 0, 0, time.UTC) }
	c, _ := incident.Replay(lc, []incident.Event{
		{At: at(0), Actor: "carol", Type: incident.EventOpen, ID: "INC8", Impact: 2, Urgency: 2},
		{At: at(3), Actor: "agent", Type: incident.EventMajor, MajorStep: incident.MajorPropose, Reason: "every store offline"},
		{At: at(8), Actor: "mim", Type: incident.EventMajor, MajorStep: incident.MajorAccept},
	})
	inc := c.Incident
	fmt.Println(inc.MajorState, inc.Major, inc.Priority, inc.MajorProposedBy, inc.MajorDecidedBy, inc.MajorDecidedAt.Format("15:04"))

	_, _, err := inc.Apply(lc, incident.Event{At: at(9), Actor: "mim", Type: incident.EventTransition,
		Action: incident.ActionCancel, Reason: "false alarm"})
	fmt.Println(err)
	// Output:
	// accepted true P1 agent mim 09:08
	// incident: action cancel in state new refused by guard review: a major incident needs its post-incident review (root cause and responsible) before it closes or is cancelled
}

// Custom fields ride on open and classify events; the incident keeps them
// and a Selector matches them.
func ExampleSelector_fields() {
	lc, _ := incident.DefaultLifecycle()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	inc, _, err := incident.Incident{}.Apply(lc, incident.Event{At: at, Actor: "carol", Type: incident.EventOpen, ID: "INC9",
		Fields: map[string]string{"channel": "phone", "service_offering": "email-gold"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	gold := incident.Selector{Fields: map[string][]string{"service_offering": {"email-gold", "email-platinum"}}}
	chat := incident.Selector{Fields: map[string][]string{"channel": {"chat"}}}
	fmt.Println(gold.Validate(), gold.Matches(&inc, nil), chat.Matches(&inc, nil))

	_, _, err = inc.Apply(lc, incident.Event{At: at, Actor: "bob", Type: incident.EventClassify,
		Fields: map[string]string{"Channel": "chat"}})
	fmt.Println(err)
	// Output:
	// <nil> true false
	// incident: fields "Channel": a custom field's name is a lower-case word (a letter, then letters, digits or _)
}

// CheckParent sees the cycles a single history cannot: the host passes how
// to find an incident's parent in its store.
func ExampleCheckParent() {
	parents := map[string]string{"INC2": "INC3", "INC3": "INC4"}
	parentOf := func(id string) string { return parents[id] }
	fmt.Println(incident.CheckParent("INC1", "INC2", parentOf))
	fmt.Println(incident.CheckParent("INC4", "INC2", parentOf))
	// Output:
	// <nil>
	// incident: parent_id "INC2": would close a cycle of parents: INC4 -> INC2 -> INC3 -> INC4
}

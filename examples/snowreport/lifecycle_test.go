package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/go-itsm/itsm/incident"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServiceNowProfile(t *testing.T) {
	lc, err := incident.NewLifecycle(ServiceNowDefinition())
	require.NoError(t, err)
	assert.Equal(t, incident.State("new"), lc.Initial())
	// The moves real exports show and ServiceNow allows apply through the
	// SDK: closing from New and from On Hold, reopening after Closed.
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	open := incident.Event{At: start, Actor: "test", Type: incident.EventOpen, ID: "INC1", Impact: 2, Urgency: 2}
	for _, path := range [][]incident.State{
		{"closed"},
		{"on_hold", "closed"},
		{"in_progress", "closed", "in_progress", "resolved", "closed"},
		{"custom_active", "resolved", "on_hold", "canceled"},
	} {
		events := []incident.Event{open}
		for i, to := range path {
			e := incident.Event{At: start.Add(time.Duration(i+1) * time.Hour), Actor: "test", Type: incident.EventTransition, Action: incident.Action("to_" + string(to))}
			if to == "on_hold" {
				e.HoldReason = "awaiting_caller"
			}
			events = append(events, e)
		}
		chron, err := incident.Replay(lc, events)
		require.NoError(t, err, "%v", path)
		assert.Equal(t, path[len(path)-1], chron.Incident.State, "%v", path)
	}
	assert.Empty(t, lc.Actions("canceled"), "Canceled is terminal")

	sn, err := newMoveCheck("servicenow")
	require.NoError(t, err)
	itil, err := newMoveCheck("itil")
	require.NoError(t, err)
	for from := nodeNew; from < nodeCount; from++ {
		for to := nodeNew; to < nodeCount; to++ {
			if from == to {
				continue
			}
			// Only leaving Canceled, canceling a resolution and going back
			// from Closed to Resolved are not ServiceNow's.
			want := from == nodeCanceled || from.resolved() && to == nodeCanceled || from == nodeClosed && to == nodeResolved
			assert.Equal(t, want, sn.lacks[from][to], "servicenow %s -> %s", from, to)
		}
	}
	for _, tc := range []struct {
		from, to node
		lacks    bool
	}{
		{nodeNew, nodeInProgress, false}, // assign, then start
		{nodeNew, nodeResolved, false},
		{nodeNew, nodeClosed, true},
		{nodeAwaitingCaller, nodeClosed, true},
		{nodeAwaitingCaller, nodeAwaitingVendor, false}, // hold with another reason
		{nodeResolved, nodeInProgress, false},           // reopen
		{nodeResolved, nodeAwaitingCaller, true},        // reopen goes to in_progress
		{nodeClosed, nodeInProgress, true},
		{nodeInProgress, nodeNew, true},
		{nodeResolved, nodeCanceled, true},
		{nodeCustomActive, nodeInProgress, false}, // the same ITIL state
	} {
		assert.Equal(t, tc.lacks, itil.lacks[tc.from][tc.to], "itil %s -> %s", tc.from, tc.to)
	}
}

func TestStateNode(t *testing.T) {
	for in, want := range map[string]node{"New": nodeNew, "1": nodeNew, "IN PROGRESS": nodeInProgress, "Active": nodeInProgress,
		"Awaiting User Info": nodeAwaitingCaller, "Awaiting Evidence": nodeAwaitingEvidence, "6": nodeResolved, "closed": nodeClosed,
		"Canceled": nodeCanceled, "Cancelled": nodeCanceled, "8": nodeCanceled, "-100": nodeCustomActive, "-5": nodeCustomActive} {
		got, ok := stateNode([]byte(in), nil)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for reason, want := range map[string]node{"": nodeOnHold, "Awaiting Caller": nodeAwaitingCaller, "1": nodeAwaitingCaller,
		"5": nodeAwaitingChange, "Awaiting Problem": nodeAwaitingProblem, "4": nodeAwaitingVendor} {
		got, ok := stateNode([]byte("On Hold"), []byte(reason))
		assert.True(t, ok)
		assert.Equal(t, want, got, reason)
	}
	for _, in := range []string{"", "Pending Approval", "-", "-1x", "4"} {
		_, ok := stateNode([]byte(in), nil)
		assert.False(t, ok, in)
	}
}

// ExampleServiceNowDefinition lists where the ServiceNow profile lets a
// closed incident go, which the SDK's default ITIL lifecycle does not.
func ExampleServiceNowDefinition() {
	lc, err := incident.NewLifecycle(ServiceNowDefinition())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("from closed:", lc.Actions("closed"))
	fmt.Println("from new:", lc.Actions("new"))
	// Output:
	// from closed: [to_new to_in_progress to_on_hold to_custom_active]
	// from new: [to_in_progress to_on_hold to_custom_active to_resolved to_closed to_canceled]
}

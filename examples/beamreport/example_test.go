package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// Two workers each fold an incident and add its record to their own
// accumulator; the partials cross the shuffle as bytes and are merged.
func ExampleReportFn() {
	set, _ := settings("2026-01-01", "2027-01-01", "", "customer")
	d, _ := newDesk(set)
	fn := &ReportFn{Settings: set}
	history := func(id string, lines ...string) []Entry {
		var out []Entry
		for i, l := range lines {
			out = append(out, Entry{Format: formatEvents, File: "log.jsonl", Line: i + 1, Data: []byte(l)})
		}
		return out
	}
	worker := func(id string, entries []Entry) []byte {
		rec, ok, problems := d.foldIncident("events/"+id, entries)
		if !ok {
			panic(fmt.Sprint(problems))
		}
		acc, _ := fn.CreateAccumulator()
		acc, _ = fn.AddInput(acc, rec)
		b, _ := encodeAccumulator(acc)
		return b
	}
	a := worker("INC1", history("INC1",
		`{"at":"2026-03-02T09:00:00+01:00","actor":"c","type":"open","id":"INC1","customer":"acme","impact":1,"urgency":1}`,
		`{"at":"2026-03-02T09:05:00+01:00","actor":"d","type":"assign","group":"network","assignee":"ann"}`,
		`{"at":"2026-03-02T09:10:00+01:00","actor":"ann","type":"comment","customer_visible":true,"note":"on it"}`,
		`{"at":"2026-03-02T11:00:00+01:00","actor":"ann","type":"transition","action":"start"}`,
		`{"at":"2026-03-02T15:00:00+01:00","actor":"ann","type":"transition","action":"resolve","resolution_code":"solved","note":"fixed"}`))
	b := worker("INC2", history("INC2",
		`{"at":"2026-03-03T10:00:00+01:00","actor":"c","type":"open","id":"INC2","customer":"globex"}`))

	left, _ := decodeAccumulator(a)
	right, _ := decodeAccumulator(b)
	merged, _ := fn.MergeAccumulators(left, right)
	out, _ := fn.ExtractOutput(merged)
	sc := bufio.NewScanner(bytes.NewReader(out.Text))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && (f[0] == "opened" || f[0] == "resolved") {
			fmt.Println(f[0], f[1])
		}
		if strings.HasPrefix(sc.Text(), "backlog end") {
			fmt.Println(strings.Join(strings.Fields(sc.Text()), " "))
			break
		}
	}
	// Output:
	// opened 2
	// resolved 1
	// backlog end 1
}

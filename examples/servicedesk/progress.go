package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress reports on stderr how far the simulation is, once per simulated
// month: one line each, or one line rewritten in place on a terminal. It
// says nothing about timing, so its output depends only on the flags.
type progress struct {
	w        io.Writer
	terminal bool
	total    int
	from     time.Time
	months   int
	month    int // the month being simulated: 0 for the warm-up, 1 to months
}

func newProgress(w io.Writer, total int, from time.Time, months int) *progress {
	return &progress{w: w, terminal: isTerminal(w), total: total, from: from, months: months, month: -1}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// at is called before the i-th incident, opened at t; it reports the
// month that ended before it.
func (p *progress) at(i int, t time.Time) {
	local := t.In(p.from.Location())
	month := (local.Year()-p.from.Year())*12 + int(local.Month()-p.from.Month()) + 1
	month = max(month, 0)
	if month != p.month {
		if p.month >= 0 {
			p.report(i)
		}
		p.month = month
	}
}

// done reports the last month.
func (p *progress) done() {
	p.report(p.total)
	if p.terminal {
		fmt.Fprintln(p.w)
	}
}

func (p *progress) report(i int) {
	where := fmt.Sprintf("month %d/%d", p.month, p.months)
	if p.month == 0 {
		where = "the month before the period"
	}
	end := "\n"
	if p.terminal {
		fmt.Fprint(p.w, "\r\033[K")
		end = ""
	}
	fmt.Fprintf(p.w, "simulated %d/%d incidents, %s%s", i, p.total, where, end)
}

// Command quickstart shows the itsm SDK on built-in data with a fixed "now",
// so its output is the same on every machine.
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/rickb777/date/v2"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return err
	}
	hours, err := calendar.ParseWeek("Mon-Fri 08:30-17:30")
	if err != nil {
		return err
	}
	desk, err := calendar.New(ams, hours, calendar.WithExceptions(
		calendar.ClosedOn("Eerste Kerstdag", date.New(2026, 12, 25)),
		calendar.ClosedOn("Tweede Kerstdag", date.New(2026, 12, 26)),
	))
	if err != nil {
		return err
	}
	opened := time.Date(2026, 12, 24, 15, 0, 0, 0, ams)
	fmt.Fprintf(w, "Service desk hours: %s (%s)\n", desk.Week(), desk.Location())
	fmt.Fprintf(w, "Incident opened:    %s\n", opened.Format("Mon 2006-01-02 15:04"))
	for _, goal := range []time.Duration{4 * time.Hour, 8 * time.Hour, 24 * time.Hour} {
		due, err := desk.Add(opened, goal)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-8v business hours -> due %s\n", goal, due.Format("Mon 2006-01-02 15:04"))
	}
	return nil
}

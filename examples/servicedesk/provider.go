package main

import (
	"fmt"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/de"
	"github.com/go-itsm/itsm/calendar/holidays/gb"
	"github.com/go-itsm/itsm/calendar/holidays/nl"
	"github.com/go-itsm/itsm/calendar/holidays/us"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/sla"
)

// customer is one customer of the provider: its contract, the hours and
// time zone its SLA is measured in, its share of the incidents and its
// services.
type customer struct {
	name     string
	contract string // the SLA policy's name
	hours    *calendar.Calendar
	holidays string // the holiday set of hours, for people
	// roundTheClock customers call at night and at weekends too.
	roundTheClock bool
	// share is the customer's weight in the arrivals.
	share float64
	// updates is the customer-update cadence of the contract by priority;
	// zero without one.
	updates [incident.P5 + 1]cadence
	// services are the customer's business services; "workplace" (desktops,
	// accounts) is added to every customer.
	services []string
}

// department is a resolver group of the provider.
type department struct {
	name     string
	share    float64 // the share of incidents it resolves
	category string
	// neighbour is where its incidents are misrouted to (or from) first.
	neighbour string
	// workFactor scales the time it needs to resolve.
	workFactor float64
	// vendorHold is the chance that an incident waits for a vendor.
	vendorHold float64
	// ci names its configuration items: "<service>-<ci><n>".
	ci     string
	titles []string
	// ola is its operational level agreement: resolve time per priority,
	// P3 and below in the customer's hours, P1 and P2 round the clock.
	ola [5]time.Duration
}

// provider is the SDK configuration of the simulated managed-service
// provider: lifecycle, calendars, customers, departments and the SLA/OLA set.
type provider struct {
	lc          *incident.Lifecycle
	ams         *time.Location
	always      *calendar.Calendar // 24x7
	office      *calendar.Calendar // the provider's own office hours, for business-hours KPIs
	customers   []*customer
	byName      map[string]*customer
	departments []*department
	byDept      map[string]*department
	calendars   map[string]*calendar.Calendar // by the names policies use
	slas        *sla.Set
}

func loadZone(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %s: %w (the Go distribution ships the zone database)", name, err)
	}
	return loc, nil
}

// hours builds a calendar from weekly hours in a zone, with holidays.
func hours(zone, week string, holidays ...calendar.ExceptionSource) (*calendar.Calendar, error) {
	loc, err := loadZone(zone)
	if err != nil {
		return nil, err
	}
	w, err := calendar.ParseWeek(week)
	if err != nil {
		return nil, err
	}
	return calendar.New(loc, w, calendar.WithExceptions(holidays...))
}

func newProvider() (*provider, error) {
	p := &provider{byName: map[string]*customer{}, byDept: map[string]*department{}}
	var err error
	if p.lc, err = incident.DefaultLifecycle(); err != nil {
		return nil, err
	}
	if p.ams, err = loadZone("Europe/Amsterdam"); err != nil {
		return nil, err
	}
	if p.calendars, err = businessHours(); err != nil {
		return nil, err
	}
	p.always, p.office = p.calendars["24x7"], p.calendars["nl-office"]
	p.customers = customers(p.calendars)
	for _, c := range p.customers {
		p.byName[c.name] = c
	}
	p.departments = departments()
	for _, d := range p.departments {
		p.byDept[d.name] = d
	}
	p.slas, err = sla.NewSet(p.policies(), sla.WithLifecycle(p.lc), sla.WithCalendars(p.calendars),
		sla.WithIncidentCalendar(func(inc incident.Incident) (*calendar.Calendar, error) {
			c, ok := p.byName[inc.Customer]
			if !ok {
				return nil, fmt.Errorf("no customer %q", inc.Customer)
			}
			return c.hours, nil
		}))
	if err != nil {
		return nil, err
	}
	p.updateCadences()
	return p, nil
}

// businessHours are the calendars of the contracts, by the names the SLA
// policies use: round the clock, and each customer's office hours with its
// country's public holidays.
func businessHours() (map[string]*calendar.Calendar, error) {
	cals := map[string]*calendar.Calendar{}
	for _, c := range []struct {
		name, zone, week string
		holidays         []calendar.ExceptionSource
	}{
		{"24x7", "Europe/Amsterdam", "Mon-Sun 00:00-24:00", nil},
		{"nl-office", "Europe/Amsterdam", "Mon-Fri 08:00-18:00", []calendar.ExceptionSource{nl.National()}},
		{"uk-office", "Europe/London", "Mon-Fri 09:00-17:30", []calendar.ExceptionSource{gb.EnglandAndWales()}},
		{"us-office", "America/New_York", "Mon-Fri 08:00-18:00", []calendar.ExceptionSource{us.Federal()}},
		{"de-office", "Europe/Berlin", "Mon-Fri 07:00-19:00; Sat 08:00-12:00", []calendar.ExceptionSource{de.National()}},
	} {
		cal, err := hours(c.zone, c.week, c.holidays...)
		if err != nil {
			return nil, err
		}
		cals[c.name] = cal
	}
	return cals, nil
}

// customers are the provider's customers, with their business hours from
// cals (see businessHours) and their share of the incidents.
func customers(cals map[string]*calendar.Calendar) []*customer {
	return []*customer{
		{name: "acme", contract: "acme-gold", hours: cals["24x7"], roundTheClock: true, share: 0.30,
			services: []string{"webshop", "payments", "warehouse", "mail"}},
		{name: "globex", contract: "globex-silver", hours: cals["nl-office"], holidays: "Dutch public holidays", share: 0.25,
			services: []string{"erp", "intranet", "mail"}},
		{name: "initech", contract: "initech-silver", hours: cals["uk-office"], holidays: "bank holidays of England and Wales", share: 0.20,
			services: []string{"trading", "crm", "mail"}},
		{name: "umbrella", contract: "umbrella-bronze", hours: cals["us-office"], holidays: "US federal holidays", share: 0.15,
			services: []string{"lab", "erp", "mail"}},
		{name: "hanse", contract: "hanse-silver", hours: cals["de-office"], holidays: "German public holidays", share: 0.10,
			services: []string{"logistics", "edi", "mail"}},
	}
}

// departments are the provider's resolver groups: their share of the
// incidents, their category, the group a misrouted ticket goes to first
// (neighbour), how long their work takes (workFactor), how often they wait
// for a vendor, their configuration items, titles and OLA targets by
// priority.
func departments() []*department {
	h := time.Hour
	return []*department{
		{name: "service-desk", share: 0.22, category: "access", neighbour: "end-user", workFactor: 0.25, ci: "idm",
			titles: []string{"Password reset", "Cannot log in", "Access request stuck", "Account locked", "MFA token lost"},
			ola:    [5]time.Duration{30 * time.Minute, h, 2 * h, 4 * h, 8 * h}},
		{name: "end-user", share: 0.14, category: "workplace", neighbour: "windows", workFactor: 0.8, vendorHold: 0.10, ci: "pc",
			titles: []string{"Laptop does not boot", "Printer not working", "Mail client crashes", "Docking station dead", "Headset not recognised"},
			ola:    [5]time.Duration{2 * h, 4 * h, 12 * h, 24 * h, 40 * h}},
		{name: "windows", share: 0.10, category: "server", neighbour: "virtualization", workFactor: 1, vendorHold: 0.04, ci: "win",
			titles: []string{"Windows server unreachable", "Group policy not applied", "Service crashes after patching", "RDP sessions refused"},
			ola:    [5]time.Duration{2 * h, 4 * h, 12 * h, 24 * h, 40 * h}},
		{name: "network", share: 0.09, category: "network", neighbour: "security", workFactor: 1, vendorHold: 0.12, ci: "sw",
			titles: []string{"VPN tunnel down", "Packet loss on WAN link", "DNS resolution fails", "Wi-Fi unavailable", "Firewall blocks application"},
			ola:    [5]time.Duration{2 * h, 4 * h, 12 * h, 24 * h, 40 * h}},
		{name: "unix", share: 0.07, category: "server", neighbour: "virtualization", workFactor: 1, vendorHold: 0.05, ci: "lnx",
			titles: []string{"Filesystem full", "Cron job not running", "SSH access denied", "Kernel panic", "NFS mount hangs"},
			ola:    [5]time.Duration{2 * h, 4 * h, 12 * h, 24 * h, 40 * h}},
		{name: "virtualization", share: 0.06, category: "infrastructure", neighbour: "storage", workFactor: 1, vendorHold: 0.05, ci: "esx",
			titles: []string{"VM unresponsive", "vMotion fails", "Datastore latency high", "Host disconnected from cluster"},
			ola:    [5]time.Duration{2 * h, 4 * h, 12 * h, 24 * h, 40 * h}},
		{name: "dba", share: 0.06, category: "database", neighbour: "middleware", workFactor: 0.8, vendorHold: 0.04, ci: "db",
			titles: []string{"Database slow", "Deadlocks in order database", "Replication lag", "Tablespace full"},
			ola:    [5]time.Duration{h, 3 * h, 8 * h, 20 * h, 40 * h}},
		{name: "middleware", share: 0.05, category: "application", neighbour: "dba", workFactor: 1.1, vendorHold: 0.05, ci: "app",
			titles: []string{"Message queue backlog", "Application server out of memory", "API gateway errors", "Integration job failed"},
			ola:    [5]time.Duration{2 * h, 4 * h, 12 * h, 24 * h, 40 * h}},
		{name: "backup", share: 0.05, category: "backup", neighbour: "storage", workFactor: 1.2, vendorHold: 0.10, ci: "bkp",
			titles: []string{"Nightly backup failed", "Restore request fails", "Backup job hangs", "Tape library offline"},
			ola:    [5]time.Duration{4 * h, 8 * h, 16 * h, 32 * h, 60 * h}},
		{name: "storage", share: 0.04, category: "storage", neighbour: "backup", workFactor: 1.1, vendorHold: 0.20, ci: "san",
			titles: []string{"LUN offline", "NAS share unavailable", "Disk failure in array", "Snapshot space exhausted"},
			ola:    [5]time.Duration{2 * h, 4 * h, 12 * h, 24 * h, 40 * h}},
		{name: "security", share: 0.04, category: "security", neighbour: "network", workFactor: 1.3, vendorHold: 0.05, ci: "sec",
			titles: []string{"Phishing mail reported", "Certificate expired", "Malware alert on server", "Suspicious sign-ins"},
			ola:    [5]time.Duration{h, 4 * h, 16 * h, 32 * h, 60 * h}},
		{name: "cloud", share: 0.04, category: "cloud", neighbour: "virtualization", workFactor: 0.9, vendorHold: 0.08, ci: "vm",
			titles: []string{"Cloud instance unreachable", "Autoscaling not working", "Object storage access denied", "Cost alert on subscription"},
			ola:    [5]time.Duration{2 * h, 4 * h, 12 * h, 24 * h, 40 * h}},
	}
}

// policies are the provider's SLAs (one per customer, first match wins)
// and OLAs (one per department).
//
// Every metric of a contract has a target for every priority (a default
// target, Priority 0, after the specific ones), so every incident is
// measured whatever its priority becomes.
func (p *provider) policies() []sla.Policy {
	h := time.Hour
	t := func(m sla.Metric, prio incident.Priority, goal time.Duration) sla.Target {
		return sla.Target{Metric: m, Priority: prio, Goal: goal}
	}
	// Silver and bronze contracts measure P1 round the clock and the rest
	// in the customer's office hours.
	allDay := func(m sla.Metric, goal time.Duration) sla.Target {
		return sla.Target{Metric: m, Priority: incident.P1, Goal: goal, Calendar: "24x7"}
	}
	policies := []sla.Policy{
		{Name: "acme-gold", When: incident.Selector{Customers: []string{"acme"}}, Calendar: "24x7",
			Thresholds: []float64{0.75}, Retroactive: true,
			Targets: []sla.Target{
				t(sla.Respond, incident.P1, 15*time.Minute), t(sla.Respond, incident.P2, 30*time.Minute), t(sla.Respond, 0, h),
				t(sla.Restore, incident.P1, 2*h), t(sla.Restore, incident.P2, 4*h), t(sla.Restore, 0, 72*h),
				t(sla.Resolve, incident.P1, 4*h), t(sla.Resolve, incident.P2, 8*h), t(sla.Resolve, incident.P3, 24*h),
				t(sla.Resolve, 0, 72*h),
				t(sla.Update, incident.P1, h), t(sla.Update, incident.P2, 4*h), t(sla.Update, 0, 24*h),
			}},
		{Name: "globex-silver", When: incident.Selector{Customers: []string{"globex"}}, Calendar: "nl-office",
			Thresholds: []float64{0.75}, Reopen: sla.NewCycle,
			Targets: []sla.Target{
				allDay(sla.Respond, 30*time.Minute), t(sla.Respond, 0, 2*h),
				allDay(sla.Resolve, 8*h), t(sla.Resolve, incident.P2, 10*h), t(sla.Resolve, incident.P3, 20*h), t(sla.Resolve, 0, 50*h),
				allDay(sla.Update, 2*h), t(sla.Update, 0, 10*h),
			}},
		{Name: "initech-silver", When: incident.Selector{Customers: []string{"initech"}}, Calendar: "uk-office",
			Thresholds: []float64{0.75},
			Targets: []sla.Target{
				allDay(sla.Respond, 30*time.Minute), t(sla.Respond, 0, 2*h),
				allDay(sla.Resolve, 8*h), t(sla.Resolve, incident.P2, 8*h), t(sla.Resolve, incident.P3, 16*h), t(sla.Resolve, 0, 40*h),
				allDay(sla.Update, 2*h), t(sla.Update, 0, 8*h),
			}},
		{Name: "umbrella-bronze", When: incident.Selector{Customers: []string{"umbrella"}}, Calendar: "us-office",
			Thresholds: []float64{0.75},
			Targets: []sla.Target{
				t(sla.Respond, incident.P1, h), t(sla.Respond, 0, 4*h),
				t(sla.Resolve, incident.P1, 10*h), t(sla.Resolve, incident.P2, 20*h), t(sla.Resolve, 0, 60*h),
			}},
		{Name: "hanse-silver", When: incident.Selector{Customers: []string{"hanse"}}, Calendar: "de-office",
			Thresholds: []float64{0.75},
			Targets: []sla.Target{
				allDay(sla.Respond, 30*time.Minute), t(sla.Respond, 0, 2*h),
				allDay(sla.Resolve, 8*h), t(sla.Resolve, incident.P2, 12*h), t(sla.Resolve, incident.P3, 24*h), t(sla.Resolve, 0, 60*h),
				allDay(sla.Update, 2*h), t(sla.Update, 0, 12*h),
			}},
	}
	// OLAs: how long each department may hold an incident, in the
	// customer's hours (the incident's calendar), P1 and P2 round the clock.
	for _, d := range p.departments {
		ola := sla.Policy{Name: d.name + "-ola", Kind: sla.OLA, Group: d.name, Calendar: sla.IncidentCalendar, Thresholds: []float64{0.75}}
		for i, goal := range d.ola {
			target := sla.Target{Metric: sla.Resolve, Priority: incident.Priority(i + 1), Goal: goal}
			if target.Priority <= incident.P2 {
				target.Calendar = "24x7"
			}
			ola.Targets = append(ola.Targets, target)
		}
		policies = append(policies, ola)
	}
	return policies
}

// cadence is a customer-update target: an update every so much business
// time on a calendar.
type cadence struct {
	every time.Duration
	cal   *calendar.Calendar
}

// updateCadences reads the customer-update target of every customer and
// priority from the customers' contracts.
func (p *provider) updateCadences() {
	for _, pol := range p.slas.Policies() {
		for _, c := range p.customers {
			if pol.Name != c.contract {
				continue
			}
			for prio := incident.P1; prio <= incident.P5; prio++ {
				target, ok := pol.Target(sla.Update, prio)
				if !ok {
					continue
				}
				name := target.Calendar
				if name == "" {
					name = pol.Calendar
				}
				c.updates[prio] = cadence{target.Goal, p.calendars[name]}
			}
		}
	}
}

// serviceName is the provider-wide name of a customer's service.
func serviceName(c *customer, service string) string { return c.name + "-" + service }

// Command slaservice is the reference host of the itsm SDK: an HTTP JSON
// service that stores incident events in a database, keeps each
// incident's state and next wake-up in a projection, fires due escalation
// actions into an outbox and delivers them to a webhook, with several
// replicas sharing the work on one PostgreSQL database. README.md explains
// the architecture; openapi.json describes the API.
//
// One command on the embedded SQLite database (a bootstrap agent token is
// printed on the first start):
//
//	go run . -db slaservice.db
//
// One flag more on PostgreSQL, as many replicas as you like:
//
//	go run . -postgres postgres://user@127.0.0.1:5432/itsm -webhook http://127.0.0.1:9000/hook
//
// Tokens:
//
//	go run . -db slaservice.db token add -name alice -role agent -tenants acme,globex
//	go run . -db slaservice.db token add -name acme-portal -role customer -tenants acme
//	go run . -db slaservice.db token revoke -name alice
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/escalation"
	"github.com/go-itsm/itsm/incident"
	"github.com/go-itsm/itsm/report"
	"github.com/go-itsm/itsm/sla"
)

// options are the command line.
type options struct {
	addr, db, postgres, webhook string
	maxSkew, tick, lease, post  time.Duration
	logLevel                    string
}

func main() {
	var o options
	flag.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen address")
	flag.StringVar(&o.db, "db", "slaservice.db", "SQLite database file (the default store)")
	flag.StringVar(&o.postgres, "postgres", "", "PostgreSQL URL (postgres://...); replaces -db")
	flag.StringVar(&o.webhook, "webhook", "", "URL escalation actions are POSTed to; without it they wait in the outbox")
	flag.DurationVar(&o.maxSkew, "max-skew", 5*time.Minute, "how far ahead of the server's clock an event may be dated")
	flag.DurationVar(&o.tick, "tick", time.Second, "how often timers and the outbox are polled")
	flag.DurationVar(&o.lease, "delivery-lease", 30*time.Second, "how long a replica holds an outbox row it is delivering before another may retry it")
	flag.DurationVar(&o.post, "delivery-timeout", 10*time.Second, "how long one webhook POST may take; less than -delivery-lease")
	flag.StringVar(&o.logLevel, "log-level", "info", "debug, info, warn or error")
	flag.Parse()
	if o.lease <= o.post || o.tick <= 0 || o.maxSkew < 0 {
		fmt.Fprintln(os.Stderr, "slaservice: want -delivery-lease above -delivery-timeout, a positive -tick and a -max-skew of 0 or more")
		os.Exit(2)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(o.logLevel)); err != nil {
		fmt.Fprintln(os.Stderr, "slaservice: -log-level:", err)
		os.Exit(2)
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	var err error
	if flag.NArg() > 0 {
		err = tokenCommand(o, flag.Args())
	} else {
		err = run(o, log)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func (o options) dsn() string {
	if o.postgres != "" {
		return o.postgres
	}
	return o.db
}

// newRules is the service's built-in configuration.
func newRules() (*rules, error) {
	lc, err := incident.DefaultLifecycle()
	if err != nil {
		return nil, err
	}
	slas, err := policies(lc)
	if err != nil {
		return nil, err
	}
	escalations, err := escalationPolicies()
	if err != nil {
		return nil, err
	}
	fp, err := rulesFingerprint()
	if err != nil {
		return nil, err
	}
	return &rules{lc: lc, slas: slas, escalations: escalations, fingerprint: fp}, nil
}

// rulesFingerprint identifies the configuration the projection is
// computed with: a hash of the lifecycle, policies and calendars as JSON.
// When it changes, the service re-evaluates every incident on start (see
// Store.ReprojectIfRulesChanged).
func rulesFingerprint() (string, error) {
	def := incident.DefaultDefinition()
	office, always, err := calendars()
	if err != nil {
		return "", err
	}
	b, err := json.Marshal([]any{def, slaPolicies(), escalationPolicyList(), office, always})
	if err != nil {
		return "", fmt.Errorf("slaservice: fingerprint of the rules: %w", err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}

// tokenCommand is "token add -name N -role R -tenants T" or "token revoke
// -name N".
func tokenCommand(o options, args []string) error {
	if len(args) < 2 || args[0] != "token" || (args[1] != "add" && args[1] != "revoke") {
		return fmt.Errorf("slaservice: unknown command %q: want token add -name N -role agent|customer -tenants T, or token revoke -name N", args)
	}
	fs := flag.NewFlagSet("token "+args[1], flag.ContinueOnError)
	name := fs.String("name", "", "who the token is for (unique)")
	role := fs.String("role", roleAgent, "agent or customer")
	tenants := fs.String("tenants", "", "comma-separated customers, or * for all (agents)")
	if err := fs.Parse(args[2:]); err != nil {
		return err
	}
	r, err := newRules()
	if err != nil {
		return err
	}
	ctx := context.Background()
	store, err := OpenStore(ctx, o.dsn(), r, StoreConfig{}, nil)
	if err != nil {
		return err
	}
	defer store.Close()
	if args[1] == "revoke" {
		return store.RevokeToken(ctx, *name)
	}
	tok, err := store.CreateToken(ctx, *name, *role, *tenants)
	if err != nil {
		return err
	}
	fmt.Println(tok)
	return nil
}

// run opens the store (migrated, with a first token, every incident
// re-evaluated if the rules changed since the last start) and serves until
// SIGTERM or an interrupt.
func run(o options, log *slog.Logger) error {
	r, err := newRules()
	if err != nil {
		return err
	}
	spec, err := reportSpec()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	store, err := OpenStore(ctx, o.dsn(), r, StoreConfig{}, nil)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := bootstrapToken(ctx, store, log); err != nil {
		return err
	}
	if n, err := store.ReprojectIfRulesChanged(ctx); err != nil {
		return err
	} else if n > 0 {
		log.Info("the rules changed: every incident re-evaluated", "incidents", n)
	}
	return serve(ctx, o, store, NewServer(store, spec, ServerConfig{MaxSkew: o.maxSkew}, log), log)
}

// serve runs the HTTP server and the workers (SLA timers, webhook
// delivery) until ctx ends, then shuts down gracefully: not ready, no new
// connections, the requests in flight finished (their appends commit),
// the workers stopped.
func serve(ctx context.Context, o options, store *Store, srv *Server, log *slog.Logger) error {
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute}
	workers, stopWorkers := context.WithCancel(context.Background())
	done := make(chan struct{}, 2)
	go func() { store.RunTimers(workers, o.tick, log); done <- struct{}{} }()
	go func() {
		if o.webhook != "" {
			store.RunDelivery(workers, DeliveryConfig{Webhook: o.webhook, Every: o.tick, Lease: o.lease, Timeout: o.post}, log)
		}
		done <- struct{}{}
	}()
	backend := "sqlite"
	if store.pg {
		backend = "postgres"
	}
	log.Info("listening", "addr", ln.Addr().String(), "store", backend, "webhook", o.webhook)
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	select {
	case err := <-serveErr:
		stopWorkers()
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	srv.SetReady(false)
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		log.Warn("shutdown", "err", err)
	}
	stopWorkers()
	<-done
	<-done
	if err := <-serveErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// bootstrapToken creates the first agent token (every tenant) when the
// database has none: $SLASERVICE_BOOTSTRAP_TOKEN if set, else a random one
// printed once in the log.
func bootstrapToken(ctx context.Context, store *Store, log *slog.Logger) error {
	has, err := store.HasTokens(ctx)
	if err != nil || has {
		return err
	}
	if tok := os.Getenv("SLASERVICE_BOOTSTRAP_TOKEN"); tok != "" {
		if err := store.storeToken(ctx, tok, "bootstrap", roleAgent, "*"); err != nil {
			if has, _ := store.HasTokens(ctx); has {
				return nil // another replica bootstrapped at the same time
			}
			return err
		}
		log.Warn("no tokens: created agent token \"bootstrap\" for every tenant from $SLASERVICE_BOOTSTRAP_TOKEN")
		return nil
	}
	tok, err := store.CreateToken(ctx, "bootstrap", roleAgent, "*")
	if err != nil {
		return err
	}
	log.Warn("no tokens: created agent token \"bootstrap\" for every tenant; it is shown only now", "token", tok)
	return nil
}

// calendars are the service's business calendars, in Amsterdam: Dutch
// office hours and round the clock.
func calendars() (office, always *calendar.Calendar, err error) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return nil, nil, err
	}
	if office, err = calendar.New(ams, calendar.MustParseWeek("Mon-Fri 08:30-17:30")); err != nil {
		return nil, nil, err
	}
	if always, err = calendar.New(ams, calendar.MustParseWeek("Mon-Sun 00:00-24:00")); err != nil {
		return nil, nil, err
	}
	return office, always, nil
}

// slaPolicies is the service's built-in SLA configuration: a Gold
// contract round the clock for customer "acme" and a Silver catch-all in
// Dutch office hours.
func slaPolicies() []sla.Policy {
	return []sla.Policy{
		{
			Name: "gold", When: incident.Selector{Customers: []string{"acme"}}, Calendar: "24x7", Thresholds: []float64{0.5, 0.75},
			Targets: []sla.Target{
				{Metric: sla.Respond, Goal: 15 * time.Minute},
				{Metric: sla.Resolve, Priority: incident.P1, Goal: 4 * time.Hour},
				{Metric: sla.Resolve, Goal: 24 * time.Hour},
				{Metric: sla.Update, Goal: time.Hour},
			},
		},
		{
			Name: "silver", Calendar: "office", Thresholds: []float64{0.75},
			Targets: []sla.Target{
				{Metric: sla.Respond, Goal: time.Hour},
				{Metric: sla.Resolve, Goal: 16 * time.Hour},
			},
		},
	}
}

// policies builds slaPolicies on the service's calendars.
func policies(lc *incident.Lifecycle) (*sla.Set, error) {
	office, always, err := calendars()
	if err != nil {
		return nil, err
	}
	return sla.NewSet(slaPolicies(), sla.WithLifecycle(lc), sla.WithCalendars(map[string]*calendar.Calendar{"office": office, "24x7": always}))
}

// reportSpec is the service's built-in report, without its period (each
// GET /report gives one): weekly buckets in Amsterdam, by priority and by
// customer, durations also in Dutch office hours (the Silver contract's),
// and the counts, durations, SLA compliance and rates. Availability and
// recurring incidents are left out: the service records no outages and no
// configuration items to compare.
func reportSpec() (report.Spec, error) {
	office, _, err := calendars()
	if err != nil {
		return report.Spec{}, err
	}
	return report.Spec{
		Location: office.Location(), Bucket: report.Week,
		GroupBy:  []string{report.KeyPriority, report.KeyCustomer},
		KPIs:     []report.Family{report.FamilyCounts, report.FamilyDurations, report.FamilySLA, report.FamilyRates},
		Calendar: office,
	}, nil
}

// escalationPolicyList is the service's built-in escalation: notify the
// assignment group if nobody acknowledges within 15 minutes (again every
// 30 minutes, twice), and the group's manager at 75% of the resolution
// time.
func escalationPolicyList() []escalation.Policy {
	return []escalation.Policy{{
		Name: "standard",
		Steps: []escalation.Step{
			{Name: "group", Trigger: escalation.Trigger{On: escalation.OnNotAcknowledged, After: 15 * time.Minute},
				Targets: []escalation.Target{{Kind: escalation.TargetGroup}}},
			{Name: "manager", Trigger: escalation.Trigger{On: escalation.OnSLAUsed, Metric: sla.Resolve, Used: 0.75},
				Targets: []escalation.Target{{Kind: escalation.TargetRole, Role: "manager"}}},
		},
		Repeat: escalation.Repeat{From: "group", Times: 2, Interval: 30 * time.Minute},
	}}
}

// escalationPolicies builds escalationPolicyList with the example's
// directory.
func escalationPolicies() (*escalation.Set, error) {
	return escalation.NewSet(escalationPolicyList(), escalation.WithDirectory(directory{}))
}

// directory is the example's stand-in for the host's people directory.
type directory struct{}

// Role gives a group's manager.
func (directory) Role(role, group string) []string {
	if role == "manager" && group != "" {
		return []string{group + "-manager"}
	}
	return nil
}

// Members gives a group's on-call alias.
func (directory) Members(group string) []string { return []string{group + "-oncall"} }

// Contacts knows no customer contacts.
func (directory) Contacts(customer string) []string { return nil }

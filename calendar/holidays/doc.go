// Package holidays is the home of the regional holiday sets: opt-in
// subpackages, so that the calendar package carries no data and a program
// links only the regions it uses.
//
//	us  United States federal holidays (OPM)               us.Federal()
//	gb  England and Wales bank holidays (GOV.UK)           gb.EnglandAndWales()
//	de  Germany: national holidays, and per state          de.National(), de.State("BY")
//	nl  The Netherlands (Algemene termijnenwet)            nl.National(options...)
//	fr  France (Code du travail L3133-1)                   fr.National(), fr.AlsaceMoselle()
//	it  Italy (legge 260/1949 as amended)                  it.National()
//	at  Austria (Feiertagsruhegesetz)                      at.National()
//	pl  Poland (ustawa o dniach wolnych od pracy)          pl.National()
//	be  Belgium (loi du 4 janvier 1974)                    be.National()
//	se  Sweden (lag 1989:253, with the eves)               se.National(), se.Statutory()
//	es  Spain, national days (Estatuto de los Trabajadores) es.National()
//	br  Brazil (Lei 662/1949 as amended)                   br.National(), br.WithCarnival()
//	ch  Switzerland: everywhere, and the canton of Zurich  ch.Federal(), ch.Zurich()
//	ca  Canada: Labour Code, federal public service        ca.Federal(), ca.PublicService()
//	jp  Japan (Act on National Holidays), 2007-2099        jp.National()
//	ie  Ireland (Organisation of Working Time Act 1997)    ie.National()
//	au  Australia: the days every state observes           au.National(options...)
//	    (Fair Work Act 2009 s115 and the states' Acts)
//	in  India: national days; central government          in.National(),
//	    holidays as the DoPT gazetted them, 2020-2026      in.CentralGovernment(first, last), in.Delhi(first, last)
//
// Each set is a calendar.Holidays: rules, not dates, so it rolls forward
// every year without anyone editing it. India's central government
// holidays are the exception: most follow lunar calendars and the moon's
// sighting, so in ships the dates the government gazetted, and
// in.CentralGovernment refuses a year it has no list for
// (in.ErrNotGazetted) instead of returning part of a year. Use a set with
// a calendar:
//
//	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"),
//		calendar.WithExceptions(us.Federal()))
//
// To add your company's days to a set so that substitute days skip them
// too, make one set of both: calendar.NewHolidays(append(us.Federal().Rules(),
// own...)...). A set's rules marshal to JSON, so a copy can also live in
// configuration and be edited there.
//
// # Adding a region
//
//  1. Create calendar/holidays/<code>, named by the ISO 3166-1 alpha-2 code
//     of the country (or the most common short name of the region), with a
//     doc.go that cites the legal source and states every choice made where
//     practice varies (days that are holidays by law but not commonly days
//     off, regional days, one-off proclamations, from which year the set is
//     accurate).
//  2. Express each holiday as a calendar.Rule: MonthDay for fixed days,
//     NthWeekday for "the 4th Thursday" or "the last Monday" (with Day for
//     "the Monday on or after 25 May"), EasterOffset for the moveable feasts,
//     ValidFrom/ValidUntil for introductions and abolitions, FixedDate for
//     one-off days, Except for a year in which a regular day was moved.
//     Choose the Observance the law prescribes; the calendar's substitute
//     logic already skips days taken by other holidays of the set.
//  3. Build the set once, in an unexported package variable, with
//     calendar.MustHolidays, and return it from an exported function: a
//     Holidays is immutable, so sharing it is safe.
//  4. Pin every holiday of at least 2020 to 2030 in a table test, actual and
//     observed dates, copied from the official published calendar (not
//     computed by the rules under test), and add an Example that uses the set
//     with calendar.New. Both go in calendar/holidays/<code>_test.go, in the
//     package's one test binary (Test<CODE>_ names, Example_<country>; see
//     layout_test.go), not in the region's folder. Where no published calendar could be consulted
//     when the set was written (fr, it, at, pl, be, se, es, br, ch, ca, jp,
//     ie, au), the table was expanded from the statute by a separate program
//     and the test says so; replace it with the published dates when they
//     are checked.
//
// This package itself holds no code.
package holidays

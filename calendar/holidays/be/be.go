// Package be holds the public holidays of Belgium (feestdagen, jours
// fériés), as calendar rules, following the loi du 4 janvier 1974 and the
// arrêté royal du 18 avril 1974 (names in Dutch):
//
//	Nieuwjaar                      1 January
//	Paasmaandag                    Easter Sunday + 1
//	Dag van de Arbeid              1 May
//	Onze-Lieve-Heer-Hemelvaart     Easter Sunday + 39
//	Pinkstermaandag                Easter Sunday + 50
//	Nationale feestdag             21 July
//	Onze-Lieve-Vrouw-Hemelvaart    15 August
//	Allerheiligen                  1 November
//	Wapenstilstand                 11 November
//	Kerstmis                       25 December
//
// A holiday on a Sunday (or another usual day off) must be replaced by a
// working day that the employer, the works council or the sector's joint
// committee chooses, so the set cannot know it: add the chosen day as a
// calendar.Exceptions entry. The days of the communities (11 July, 27
// September, 15 November) are not public holidays and are not in the set.
//
// The set is accurate from 1974.
//
// Its example (Example_belgium) and tests are in calendar/holidays/be_test.go.
package be

import (
	"time"

	"github.com/go-itsm/itsm/calendar"
)

var national = calendar.MustHolidays(
	calendar.Rule{Name: "Nieuwjaar", On: calendar.MonthDay, Month: time.January, Day: 1},
	calendar.Rule{Name: "Paasmaandag", On: calendar.EasterOffset, Offset: 1},
	calendar.Rule{Name: "Dag van de Arbeid", On: calendar.MonthDay, Month: time.May, Day: 1},
	calendar.Rule{Name: "Onze-Lieve-Heer-Hemelvaart", On: calendar.EasterOffset, Offset: 39},
	calendar.Rule{Name: "Pinkstermaandag", On: calendar.EasterOffset, Offset: 50},
	calendar.Rule{Name: "Nationale feestdag", On: calendar.MonthDay, Month: time.July, Day: 21},
	calendar.Rule{Name: "Onze-Lieve-Vrouw-Hemelvaart", On: calendar.MonthDay, Month: time.August, Day: 15},
	calendar.Rule{Name: "Allerheiligen", On: calendar.MonthDay, Month: time.November, Day: 1},
	calendar.Rule{Name: "Wapenstilstand", On: calendar.MonthDay, Month: time.November, Day: 11},
	calendar.Rule{Name: "Kerstmis", On: calendar.MonthDay, Month: time.December, Day: 25},
)

// National returns the public holidays of Belgium. The set is shared and
// immutable.
func National() calendar.Holidays { return national }

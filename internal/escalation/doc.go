// Package escalation walks overdue hazards up the escalation ladder (issue
// 4, section 5): when a hazard's deadline day has ended in the school's
// zone it is marked overdue and its responsible person is told (step 1);
// after the school's configured delays the head of the owning unit (2),
// the supervising leader(s) linked to the unit by contact points (3) and
// the campaign office (4) are told in turn. Each step updates the hazard,
// adds a timeline event, an audit entry (actor 0, the system) and a
// notification (inbox + the school's WeCom/DingTalk/SMTP channels) in one
// transaction.
//
// The ladder is a pure function of the clock (Decide, Land); Sweep applies
// it to every school's candidates and is idempotent. The printable
// supervision notice (督办单) and the settings page live in internal/web.
// See docs/decisions/0018-escalation-ladder.md.
package escalation

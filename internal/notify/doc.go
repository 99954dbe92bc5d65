// Package notify is SafeCampus's notifications: an in-app inbox per
// account and outbound messages to a school's WeCom and DingTalk group
// robots and SMTP mailboxes.
//
// Callers write a Message with Enqueue inside their own business
// transaction (a transactional outbox): the inbox rows and one outbox row
// per active channel commit together with the change, or not at all. The
// Dispatcher sends outbox rows after commit, with a lease, retries with
// backoff and a dead state shown to admins, so a request never waits on a
// vendor and a restart loses nothing. See docs/decisions/0013-notifications.md.
package notify

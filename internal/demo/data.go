package demo

import (
	"safecampus/internal/auth"
	"safecampus/internal/org"
)

type unitSpec struct {
	name, parent, campus string
	kind                 org.UnitKind
	head                 string
}

// units: the notice is addressed to 系部、处室 and 海安校区 (ORG-3); the
// names below are a plausible set for a health vocational school.
var units = []unitSpec{
	{name: "校领导", kind: org.UnitOther, campus: "主校区"},
	{name: "党政办公室", kind: org.UnitOffice, campus: "主校区"},
	{name: "安全保卫处", kind: org.UnitOffice, campus: "主校区", head: "黄轶"},
	{name: "教务处", kind: org.UnitOffice, campus: "主校区"},
	{name: "学生处", kind: org.UnitOffice, campus: "主校区"},
	{name: "后勤管理处", kind: org.UnitOffice, campus: "主校区", head: "陈建国"},
	{name: "人事处", kind: org.UnitOffice, campus: "主校区"},
	{name: "护理系", kind: org.UnitDepartment, campus: "主校区", head: "李敏"},
	{name: "医学技术系", kind: org.UnitDepartment, campus: "主校区", head: "周伟"},
	{name: "药学系", kind: org.UnitDepartment, campus: "主校区", head: "吴芳"},
	{name: "基础医学部", kind: org.UnitDepartment, campus: "主校区"},
	{name: "实验实训中心", kind: org.UnitCenter, parent: "教务处", campus: "主校区", head: "孙丽"},
	{name: "海安校区", kind: org.UnitCampus, campus: "海安校区", head: "钱宏"},
	{name: "海安校区综合办公室", kind: org.UnitOffice, parent: "海安校区", campus: "海安校区"},
}

type personSpec struct {
	name, staffNo, unit, post, phone, hired, born string
	special                                       []string
}

// people: the leading group as written in the notice (组长 顾锋、姜声扬；
// 副组长 张佩武、顾锦平、王琴、葛玉军；办公室主任 黄轶) plus invented staff.
var people = []personSpec{
	{name: "顾锋", staffNo: "T0001", unit: "校领导", post: "党委书记", phone: "13800000001", hired: "1995-08-01"},
	{name: "姜声扬", staffNo: "T0002", unit: "校领导", post: "校长", phone: "13800000002", hired: "1996-08-01"},
	{name: "张佩武", staffNo: "T0003", unit: "校领导", post: "副校长", phone: "13800000003", hired: "1998-08-01"},
	{name: "顾锦平", staffNo: "T0004", unit: "校领导", post: "副校长", phone: "13800000004", hired: "1999-08-01"},
	{name: "王琴", staffNo: "T0005", unit: "校领导", post: "副校长", phone: "13800000005", hired: "2001-08-01"},
	{name: "葛玉军", staffNo: "T0006", unit: "校领导", post: "纪委书记", phone: "13800000006", hired: "2000-08-01"},
	{name: "黄轶", staffNo: "T0101", unit: "安全保卫处", post: "处长", phone: "13800000101", hired: "2005-07-01"},
	{name: "赵强", staffNo: "T0102", unit: "安全保卫处", post: "科员", phone: "13800000102", hired: "2012-07-01"},
	{name: "刘洋", staffNo: "T0103", unit: "安全保卫处", post: "消防控制室值班员", phone: "13800000103", hired: "2018-03-01", born: "1985-05-12", special: []string{"fire_control_operator"}},
	{name: "马军", staffNo: "T0104", unit: "安全保卫处", post: "保安队长", phone: "13800000104", hired: "2016-09-01", born: "1978-02-20", special: []string{"security_guard", "cctv_operator"}},
	{name: "陈建国", staffNo: "T0201", unit: "后勤管理处", post: "处长", phone: "13800000201", hired: "2003-07-01"},
	{name: "杨帆", staffNo: "T0202", unit: "后勤管理处", post: "电工", phone: "13800000202", hired: "2015-04-01", special: []string{"electrician"}},
	{name: "李敏", staffNo: "T0301", unit: "护理系", post: "主任", phone: "13800000301", hired: "2004-07-01"},
	{name: "周伟", staffNo: "T0302", unit: "医学技术系", post: "主任", phone: "13800000302", hired: "2006-07-01"},
	{name: "吴芳", staffNo: "T0303", unit: "药学系", post: "主任", phone: "13800000303", hired: "2007-07-01"},
	{name: "孙丽", staffNo: "T0401", unit: "实验实训中心", post: "主任", phone: "13800000401", hired: "2010-07-01", special: []string{"hazmat_manager"}},
	{name: "郑浩", staffNo: "T0402", unit: "实验实训中心", post: "实验员", phone: "13800000402", hired: "2026-09-01"},
	{name: "钱宏", staffNo: "T0501", unit: "海安校区", post: "校区主任", phone: "13800000501", hired: "2008-07-01"},
	{name: "冯磊", staffNo: "T0502", unit: "海安校区综合办公室", post: "网格员", phone: "13800000502", hired: "2019-07-01"},
	{name: "何静", staffNo: "T0601", unit: "学生处", post: "辅导员", phone: "13800000601", hired: "2020-07-01"},
	// Heads of the units above that have none (see extraHeads in leadership.go).
	{name: "沈文斌", staffNo: "T0701", unit: "党政办公室", post: "主任", phone: "13800000701", hired: "2002-07-01"},
	{name: "陆晓燕", staffNo: "T0702", unit: "教务处", post: "处长", phone: "13800000702", hired: "2004-07-01"},
	{name: "徐志刚", staffNo: "T0703", unit: "学生处", post: "处长", phone: "13800000703", hired: "2005-07-01"},
	{name: "朱红梅", staffNo: "T0704", unit: "人事处", post: "处长", phone: "13800000704", hired: "2003-07-01"},
	{name: "蒋立新", staffNo: "T0705", unit: "基础医学部", post: "主任", phone: "13800000705", hired: "2006-07-01"},
	{name: "曹亮", staffNo: "T0706", unit: "海安校区综合办公室", post: "主任", phone: "13800000706", hired: "2011-07-01"},
}

type accountSpec struct {
	username, person string
	role             auth.Role
	scope            auth.ScopeKind
	scopeName        string
}

// accounts: one demo login for every school role.
var accounts = []accountSpec{
	{username: "office", person: "黄轶", role: auth.RoleSchoolAdmin, scope: auth.ScopeSchool},
	{username: "principal", person: "姜声扬", role: auth.RolePrincipalLeader, scope: auth.ScopeSchool},
	{username: "supervisor", person: "张佩武", role: auth.RoleSupervisor, scope: auth.ScopeSchool},
	{username: "unithead", person: "陈建国", role: auth.RoleUnitHead, scope: auth.ScopeUnit, scopeName: "后勤管理处"},
	{username: "gridleader", person: "赵强", role: auth.RoleGridLeader, scope: auth.ScopeSchool},
	{username: "inspector", person: "冯磊", role: auth.RoleGridMember, scope: auth.ScopeSchool},
	{username: "guard", person: "马军", role: auth.RoleGuard, scope: auth.ScopeSchool},
	{username: "labmanager", person: "孙丽", role: auth.RoleLabManager, scope: auth.ScopeUnit, scopeName: "实验实训中心"},
	{username: "staff", person: "何静", role: auth.RoleStaff, scope: auth.ScopeSchool},
}

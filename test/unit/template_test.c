/*
 * template_test.c
 *	  Engine tests of the template compiler and renderer over a small
 *	  in-memory JSON tree (no server).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "unit.h"
#include "template_tree.h"

static char result[1 << 18];

/* CHECK_STR that shows what it got when it fails. */
#define CHECK_OUT(got, want, ...) \
	do { \
		const char *got_ = (got); \
		CHECK_STR(got_, (want), __VA_ARGS__); \
		if (strcmp(got_, (want)) != 0) \
			printf("#   got:  [%s]\n#   want: [%s]\n", got_, (want)); \
	} while (0)

/* Render tpl over json; returns the output, or "ERR@pos: message". */
/* For a render into Latin-1: the code points below 256. */
static bool
latin1_only(void *arg, int32_t cp)
{
	(*(int *) arg)++;
	return cp < 256;
}

static bool (*render_representable) (void *arg, int32_t cp);
static int	representable_calls;

static const char *
render_opts(const char *tpl, const char *json, EmpTplEscape esc, bool strict, size_t limit, uint64_t max_steps)
{
	EmpError	err;
	EmpTemplate *t;
	TNode	   *root = NULL;
	EmpTplSource src;
	EmpBuf		out;
	EmpTplRenderOptions o = {esc, strict, max_steps, render_representable, &representable_calls};

	memset(&err, 0, sizeof(err));
	if (json)
	{
		root = tnode_parse(json, strlen(json));
		if (root == NULL)
		{
			snprintf(result, sizeof(result), "BAD JSON");
			return result;
		}
	}
	tnode_source(&src, root);
	t = emp_template_compile(&emp_malloc_allocator, tpl, strlen(tpl), &err);
	if (t == NULL)
	{
		snprintf(result, sizeof(result), "ERR@%ld: %s", err.position, err.message);
		tnode_free(root);
		return result;
	}
	emp_buf_init(&out, &emp_malloc_allocator, 16, limit);
	if (!emp_template_render(t, &src, &o, &out, &err))
		snprintf(result, sizeof(result), "ERR@%ld: %s", err.position, err.message);
	else
		snprintf(result, sizeof(result), "%.*s", (int) out.len, out.data);
	free(out.data);
	emp_template_free(t);
	tnode_free(root);
	return result;
}

static const char *
R(const char *tpl, const char *json)
{
	return render_opts(tpl, json, EMP_TPL_ESCAPE_TEXT, false, 0, 0);
}

static const char *
RS(const char *tpl, const char *json)
{
	return render_opts(tpl, json, EMP_TPL_ESCAPE_TEXT, true, 0, 0);
}

static const char *
RE(const char *tpl, const char *json, EmpTplEscape esc)
{
	return render_opts(tpl, json, esc, false, 0, 0);
}

/* Lint output collected as "pos severity: message\n" lines. */
static char lint_buf[1 << 14];

static void
lint_collect(void *arg, long position, const char *severity, const char *message)
{
	size_t		l = strlen(lint_buf);

	snprintf(lint_buf + l, sizeof(lint_buf) - l, "%ld %s: %s\n", position, severity, message);
}

static const char *
lint(const char *tpl, const char *json)
{
	EmpError	err;
	TNode	   *root = json ? tnode_parse(json, strlen(json)) : NULL;
	EmpTplSource src;

	lint_buf[0] = '\0';
	tnode_source(&src, root);
	emp_template_check(&emp_malloc_allocator, tpl, strlen(tpl), json ? &src : NULL, lint_collect, NULL, &err);
	tnode_free(root);
	return lint_buf;
}

static const char *V = "{\"name\": \"Jane\", \"customer\": {\"first_name\": \"Jane\", \"full\": \"Dr. Jane Q. Smith\","
"\"tier\": 2}, \"items\": [\"router\", \"cable\", \"adapter\"], \"emotion\": \"frustration\","
"\"n\": 3, \"one\": 1, \"zero\": 0, \"t\": true, \"f\": false, \"nul\": null, \"empty\": \"\","
"\"blank\": \"   \", \"obj\": {\"b\": 2, \"a\": [1, {\"x\": null}]}, \"a.b\": \"dotted\","
"\"q\\\"k\": \"quoted\", \"nums\": [1, 2.5, -3], \"orders\": [{\"id\": 7, \"total\": 19.5},"
"{\"id\": 8, \"total\": 5}], \"none\": [], \"eo\": {}, \"score\": 0.75}";

static void
test_basics(void)
{
	CHECK_OUT(R("Hi {{name}}!", V), "Hi Jane!", "plain variable");
	CHECK_OUT(R("Hi {{ name }}!", V), "Hi Jane!", "spaces inside the tag");
	CHECK_OUT(R("", V), "", "empty template");
	CHECK_OUT(R("no tags at all", V), "no tags at all", "text only");
	CHECK_OUT(R("{{customer.first_name}}", V), "Jane", "dotted path");
	CHECK_OUT(R("{{items.0}} {{items[1]}} {{items[-1]}} {{items.-1}}", V), "router cable adapter adapter", "indexes");
	CHECK_OUT(R("[{{items.9}}]", V), "[]", "index out of range");
	CHECK_OUT(R("{{[\"a.b\"]}} {{[\"q\\\"k\"]}}", V), "dotted quoted", "keys with dots and quotes");
	CHECK_OUT(R("{{orders[1].id}} {{orders.0.total}}", V), "8 19.5", "paths through arrays of objects");
	CHECK_OUT(R("{{n}} {{score}} {{t}} {{f}} [{{nul}}]", V), "3 0.75 true false []", "scalars");
	CHECK_OUT(R("{{items}}", V), "router, cable, adapter", "array joins with comma");
	CHECK_OUT(R("{{obj}}", V), "{\"b\": 2, \"a\": [1, {\"x\": null}]}", "object as JSON");
	CHECK_OUT(R("[{{eo}}] [{{none}}] {{eo | json}} {{none | json}}", V), "[] [] {} []", "empty containers are blank");
	CHECK_OUT(R("{{nums}}", V), "1, 2.5, -3", "array of numbers");
	CHECK_OUT(R("{{ \"{{\" }} and \\{{name}}", V), "{{ and {{name}}", "literal braces");
	CHECK_OUT(R("a\\\\{{name}}", V), "a\\Jane", "backslash before a tag");
	CHECK_OUT(R("a \\ b } }} c", V), "a \\ b } }} c", "stray backslash and braces");
	CHECK_OUT(R("{{! a comment }}x{{!-- has }} inside --}}y", V), "xy", "comments");
	CHECK_OUT(R("{{{name}}}", V), "Jane", "triple braces");
	CHECK_OUT(R("{{ 42 }} {{ true }} {{ null }}.", V), "42 true.", "literal operands");
	CHECK_OUT(R("{{this.name}}", V), "Jane", "this at the root");
	CHECK_OUT(R("{{@root.name}}", V), "Jane", "@root");
	CHECK_OUT(R("Grüße, {{name}} 🎉", V), "Grüße, Jane 🎉", "multibyte literal text");
	CHECK_OUT(R("{{名前}}", "{\"名前\": \"花子\"}"), "花子", "multibyte key");
	CHECK_OUT(R("{{name}}", "\"scalar\""), "", "scalar root has no members");
	CHECK_OUT(R("{{this}}", "\"scalar\""), "scalar", "scalar root as this");
	CHECK_OUT(R("{{first-name}}", "{\"first-name\": \"Ann\"}"), "Ann", "hyphen in a name");
	CHECK_OUT(R("{{a.0}}", "{\"a\": {\"0\": \"zero\"}}"), "zero", "digit key in an object");
	CHECK_OUT(R("{{x}}", "{\"x\": \"line\\nbreak\"}"), "line\nbreak", "newline in a value");
	/* U+3000 ideographic space and U+00A0 no-break space are white space in a tag */
	CHECK_OUT(R("Hi {{\xE3\x80\x80name\xE3\x80\x80}}!", V), "Hi Jane!", "ideographic spaces inside the tag");
	CHECK_OUT(R("Hi {{\xC2\xA0name | upper\xC2\xA0}}!", V), "Hi JANE!", "no-break spaces inside the tag");
	CHECK_OUT(R("{{#if\xE3\x80\x80t}}yes{{/if}}", V), "yes", "ideographic space after a section keyword");
	CHECK_OUT(R("{{\xE5\x90\x8D\xE5\x89\x8D\xE3\x80\x80}}", "{\"\xE5\x90\x8D\xE5\x89\x8D\": \"x\"}"), "x", "a multibyte name ends at white space");
}

static void
test_lenient(void)
{
	CHECK_OUT(R("Hi {{nobody}}, thanks", V), "Hi, thanks", "collapse before a comma");
	CHECK_OUT(R("Hello {{nobody}}!", V), "Hello!", "collapse before !");
	CHECK_OUT(R("Thanks {{nobody}} for waiting", V), "Thanks for waiting", "one space kept");
	CHECK_OUT(R("Thanks, {{nobody}}.", V), "Thanks.", "comma before dropped");
	CHECK_OUT(R("Thank you, {{nobody}}", V), "Thank you", "end of output");
	CHECK_OUT(R("{{nobody}} Jane", V), "Jane", "start of output");
	CHECK_OUT(R("{{nobody}}, we got it", V), "we got it", "leading comma");
	CHECK_OUT(R("Hi {{a}} {{b}}, thanks", V), "Hi, thanks", "two empties");
	CHECK_OUT(R("Hi {{name}} {{nobody}}, thanks", V), "Hi Jane, thanks", "second empty");
	CHECK_OUT(R("Hi {{nobody}} {{name}}, thanks", V), "Hi Jane, thanks", "first empty");
	CHECK_OUT(R("Name: {{nobody}}\nNext", V), "Name:\nNext", "before a line end");
	CHECK_OUT(R("Hi,\n{{nobody}}\nBye", V), "Hi,\nBye", "empty line removed");
	CHECK_OUT(R("Hi {{empty}}, {{nul}}, {{blank}}x", V), "Hi, x", "empty, null and blank values collapse too");
	CHECK_OUT(R("({{nobody}})", V), "()", "brackets stay");
	CHECK_OUT(R("Hi {{nobody}}…", V), "Hi…", "ellipsis closes");
	CHECK_OUT(R("x{{nobody}}y", V), "xy", "no spaces involved");
	CHECK_OUT(R("Hi {{name | default: \"there\"}}!", "{}"), "Hi there!", "default");
	CHECK_OUT(R("Hi {{nick | default: name}}!", V), "Hi Jane!", "default from a variable");
	CHECK_OUT(R("Hi {{nick | default: nope | default: \"you\"}}!", V), "Hi you!", "default chain");
	CHECK_OUT(R("Hi {{blank | default: \"x\"}} {{nul | default: \"y\"}} {{none | default: \"z\"}}", V),
			  "Hi x y z", "default replaces blanks");
	CHECK_OUT(R("{{zero | default: 5}} {{f | default: 5}}", V), "0 false", "default keeps 0 and false");
	CHECK_OUT(R("{{nobody}}", V), "", "only a missing variable");
	CHECK_OUT(R("{{nobody}}: your order is ready", V), "your order is ready", "leading colon");
	CHECK_OUT(R("{{nobody}}:00 sharp", V), ":00 sharp", "a colon before no space stays");
	CHECK_OUT(R("{{nobody}}:", V), "", "a colon at the end goes with the value");
	CHECK_OUT(R("Hi,\n{{nobody}}: thanks", V), "Hi,\nthanks", "leading colon on a later line");
	CHECK_OUT(R("Hi {{nobody}}\xe3\x80\x82", V), "Hi\xe3\x80\x82", "ideographic full stop closes");
	CHECK_OUT(R("Hi {{nobody}}\xef\xbc\x81", V), "Hi\xef\xbc\x81", "full-width ! closes");
	CHECK_OUT(R("Hi {{nobody}}\xef\xbc", V), "Hi \xef\xbc", "a cut full-width character is no closer");
	CHECK_OUT(R("Hi {{nobody}}\xe3\x80\x8c", V), "Hi \xe3\x80\x8c", "an opening bracket is no closer");
}

static void
test_strict(void)
{
	CHECK_OUT(RS("Hi {{name}}", V), "Hi Jane", "strict, present");
	CHECK_OUT(RS("Hi {{ customer.last }}", V), "ERR@4: missing variable \"customer.last\"", "strict, missing");
	CHECK_OUT(RS("é🎉 {{x}}", V), "ERR@4: missing variable \"x\"", "position counts characters");
	CHECK_OUT(RS("{{x | default: \"d\"}}", V), "d", "strict with default");
	CHECK_OUT(RS("[{{nul}}]", V), "[]", "strict, null is present");
	CHECK_OUT(RS("{{#if x}}a{{/if}}b", V), "b", "strict, conditions may test absence");
	CHECK_OUT(RS("{{items.7}}", V), "ERR@1: missing variable \"items.7\"", "strict, index out of range");
}

static void
test_filters(void)
{
	CHECK_OUT(R("{{name | upper}} {{name|lower}}", V), "JANE jane", "upper, lower");
	CHECK_OUT(R("{{x | upper}}", "{\"x\": \"straße ǆ éa\"}"), "STRAßE Ǆ ÉA", "upper uses simple case mappings");
	CHECK_OUT(R("{{x | upper}}", "{\"x\": \"éa ǆ\"}"), "ÉA Ǆ", "upper multibyte");
	CHECK_OUT(R("{{x | lower}}", "{\"x\": \"ÉCOLE İ\"}"), "école i", "lower");
	CHECK_OUT(R("{{x | capitalize}}", "{\"x\": \"  élodie mcDonald\"}"), "  Élodie mcDonald", "capitalize first letter only");
	CHECK_OUT(R("{{x | title}}", "{\"x\": \"mary-jane o'neil\"}"), "Mary-Jane O'neil", "title");
	CHECK_OUT(R("[{{x | trim}}]", "{\"x\": \" \\t Jane \\u00a0\"}"), "[Jane]", "trim");
	CHECK_OUT(R("{{customer.full | first_name}}", V), "Jane", "first_name skips titles");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"Smith, John\"}"), "John", "first_name of Last, First");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"  zoë  \"}"), "Zoë", "first_name of one word, in lower case");
	/* a name in capitals or lower case throughout is written as a name; mixed case stays */
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"JOHN SMITH\"}"), "John", "first_name of a name in capitals");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"MARÍA GARCÍA\"}"), "María", "first_name in capitals, multibyte");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"jean-luc picard\"}"), "Jean-Luc", "first_name, hyphenated");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"O'BRIEN, SEAN\"}"), "Sean", "first_name, Last, First in capitals");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"MR O'BRIEN\"}"), "Mr O'Brien", "a title and a surname in capitals");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"DeShawn JONES\"}"), "DeShawn", "mixed case stays");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"TJ Miller\"}"), "TJ", "a name with a word of mixed case stays as written");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"TJ MILLER\"}"), "TJ", "two capitals with no vowel are initials");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"JO MILLER\"}"), "Jo", "two capitals with a vowel are a name");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"\u039d\u0399\u039a\u039f\u03a3 \u03a0\u0391\u03a0\u0391\"}"), "\u039d\u03b9\u03ba\u03bf\u03c2", "a Greek sigma at a word's end is final");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"KE'ALOHA NAKAMURA\"}"), "Ke'aloha", "a capital after an apostrophe after one letter only");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"JEAN\u2010LUC PICARD\"}"), "Jean\u2010Luc", "a capital after a Unicode hyphen");
	CHECK_OUT(R("{{x | first_name}}", "{\"x\": \"Acme Incorporated\"}"), "", "a company, the longest word");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"E\u0301. Zola\"}"), "[]", "a decomposed initial");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Ø\"}"), "[]", "one letter is an initial");
	/* initials and a surname, no title: no given name */
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"J. Smith\"}"), "[]", "initial and surname");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"J R R Tolkien\"}"), "[]", "initials and surname");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"É. Zola, Acme Ltd\"}"), "[]", "initial and surname before a firm");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Mary J. Blige\"}"), "[Mary]", "an initial after the given name");
	/* a company's name is no one's */
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Acme Ltd\"}"), "[]", "a company");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"M\u00fcller GmbH\"}"), "[]", "a company, multibyte");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Ann Lee, Acme Inc.\"}"), "[Ann]", "a person at a company");
	CHECK_OUT(R("Hi {{x | first_name}}!", "{\"x\": \"Mr.\"}"), "Hi!", "first_name of a bare title");
	CHECK_OUT(R("{{x | first_name | capitalize}}", "{\"x\": \"jane doe\"}"), "Jane", "chained");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Mr. and Mrs. Smith\"}"), "[]", "a couple's name has no first name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \",,,Jane\"}"), "[Jane]", "stray commas are no part of a name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"\\\"Jane\\\" Smith\"}"), "[Jane]", "quotes are no part of a name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"\u201cJo\u201d Bloggs\"}"), "[Jo]", "curly quotes are no part of a name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Smith,, John\"}"), "[John]", "a doubled comma of Last, First");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"John Smith, Jr.\"}"), "[John]", "a suffix after a comma is no given name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Ann Lee, Acme Ltd\"}"), "[Ann]", "nor a firm after a comma");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"\u2740 -- Ann Lee\"}"), "[Ann]", "a word with no letter is no name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Mr J. Smith\"}"), "[Mr Smith]", "an initial is no given name: title and surname");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Dr. Smith\"}"), "[Dr. Smith]", "a title and a surname keep the title as written");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Smith, Mr.\"}"), "[Mr. Smith]", "Last, Title");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Smith, Mr John\"}"), "[John]", "Last, Title First");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Sir Elton John\"}"), "[Sir Elton]", "Sir keeps the given name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Prof Ann Lee\"}"), "[Ann]", "a title before a given name goes");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Sir J. Jones\"}"), "[]", "Sir with no given name known");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Dr. med. Hans Weber\"}"), "[Hans]", "a doctor's faculty is no given name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Prof. Dr. rer. nat. Weber\"}"), "[Dr. rer. nat. Weber]", "the faculty stays with its title");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Dr. Phil Smith\"}"), "[Phil]", "Phil without a full stop is a name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"van der Berg, Anna\"}"), "[Anna]", "a surname's particles before the comma");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"de la Cruz, Sra. Maria\"}"), "[Maria]", "particles, then a title after the comma");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"de la Cruz, Sra.\"}"), "[Sra. de la Cruz]", "a title and a surname with particles");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Anna van der Berg\"}"), "[Anna]", "particles after the given name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Mr van der Berg\"}"), "[]", "a surname with particles alone");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Van Morrison\"}"), "[Van]", "Van with a capital is a given name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Sir Elton\"}"), "[Sir Elton]", "Sir and one name: the given name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Dame Judi\"}"), "[Dame Judi]", "Dame and one name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Ing. Petr Nov\u00e1k\"}"), "[Petr]", "Ing. is a title");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Sister Mary\"}"), "[Sister Mary]", "Sister and a name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Rabbi Cohen\"}"), "[Rabbi Cohen]", "Rabbi and a surname");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"N/A\"}"), "[]", "a placeholder is no name");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \" Valued Customer \"}"), "[]", "nor a customer in general");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Mr Smith Jr.\"}"), "[Mr Smith]", "a suffix after the surname");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Dr Lee PhD\"}"), "[Dr Lee]", "a degree after the surname");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"John and Jane Doe\"}"), "[]", "a couple of given names");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"The Smiths\"}"), "[]", "a family");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"Capt. Kirk\"}"), "[Capt. Kirk]", "a rank is a title");
	CHECK_OUT(R("[{{x | first_name}}]", "{\"x\": \"jane.doe@example.com\"}"), "[]", "an e-mail address is no name");
	CHECK_OUT(R("{{x | truncate: 10}}", "{\"x\": \"short\"}"), "short", "truncate, short enough");
	CHECK_OUT(R("{{x | truncate: 12}}", "{\"x\": \"The router keeps dropping\"}"), "The router…", "truncate at a word");
	CHECK_OUT(R("{{x | truncate: 8, \"...\"}}", "{\"x\": \"abcdefghijkl\"}"), "abcde...", "truncate with a custom ellipsis");
	CHECK_OUT(R("{{x | truncate: 4}}", "{\"x\": \"a👍🏽b\"}"), "a👍🏽b", "truncate counts code points");
	CHECK_OUT(R("{{x | truncate: 3}}", "{\"x\": \"ab👍🏽cd\"}"), "ab…", "truncate does not split a modifier");
	CHECK_OUT(R("{{x | truncate: 1}}", "{\"x\": \"abc\"}"), "a", "truncate to one");
	/* into a character set that lacks what a filter would make */
	render_representable = latin1_only;
	CHECK_OUT(R("{{x | upper}} {{x | title}} {{y | upper}}", "{\"x\": \"ÿves\", \"y\": \"éa\"}"),
			  "ÿVES ÿves ÉA", "latin-1: a capital the set lacks is not made");
	CHECK_OUT(R("{{x | truncate: 5}}", "{\"x\": \"abcdefgh\"}"), "ab...", "latin-1: three dots for the ellipsis");
	CHECK_OUT(R("{{x | truncate: 5, \"»\"}}", "{\"x\": \"abcdefgh\"}"), "abcd»", "latin-1: a given ellipsis is kept");
	CHECK(representable_calls > 0, "latin-1: the callback is asked");
	render_representable = NULL;
	CHECK_OUT(R("{{items | join: \" / \"}}", V), "router / cable / adapter", "join");
	CHECK_OUT(R("{{items | join}}", V), "router, cable, adapter", "join default separator");
	CHECK_OUT(R("{{name | json}} {{items | json}} {{nobody | json}} {{n | json}}", V),
			  "\"Jane\" [\"router\", \"cable\", \"adapter\"] null 3", "json");
	CHECK_OUT(R("{{items | size}} {{name | size}} {{obj | size}} {{nobody | size}} {{x | size}}", "{\"name\":\"Zoë\",\"items\":[1,2],\"obj\":{\"a\":1},\"x\":\"🎉\"}"),
			  "2 3 1 0 1", "size");
	CHECK_OUT(R("{{items | first}} {{items | last}} {{none | first | default: \"-\"}}", V), "router adapter -", "first, last");
	CHECK_OUT(R("{{n}} {{n | plural: \"item\", \"items\"}}; {{one}} {{one | plural: \"item\"}}; {{items | plural: \"thing\"}}", V),
			  "3 items; 1 item; things", "plural");
	CHECK_OUT(R("{{x | url}}", "{\"x\": \"a b&c/é~\"}"), "a%20b%26c%2F%C3%A9~", "url");
	CHECK_OUT(R("{{x | html}}", "{\"x\": \"<b>&'\\\"\"}"), "&lt;b&gt;&amp;&#39;&quot;", "html filter");
	CHECK_OUT(R("That sounds {{emotion | adjective}}.", V), "That sounds frustrating.", "adjective");
	CHECK_OUT(R("{{e | adjective}} {{e | feeling}} {{e | noun}}", "{\"e\": \"Anxious\"}"), "worrying worried worry", "emotion aliases");
	CHECK_OUT(R("{{e | adjective}}/{{e | feeling}}", "{\"e\": \"anger\"}"), "infuriating/angry", "anger");
	CHECK_OUT(R("That sounds {{e | adjective | default: \"difficult\"}}.", "{\"e\": \"meh\"}"),
			  "That sounds difficult.", "unknown emotion falls to the default");
	CHECK_OUT(R("{{ name | upper | raw }}", V), "JANE", "raw");
}

static void
test_sections(void)
{
	CHECK_OUT(R("{{#if name}}yes{{else}}no{{/if}}", V), "yes", "if true");
	CHECK_OUT(R("{{#if nobody}}yes{{else}}no{{/if}}", V), "no", "if missing");
	CHECK_OUT(R("{{#if zero}}y{{/if}}{{#if empty}}y{{/if}}{{#if none}}y{{/if}}{{#if eo}}y{{/if}}{{#if f}}y{{/if}}{{#if nul}}y{{/if}}{{#if blank}}y{{/if}}.",
				V), ".", "falsy values");
	CHECK_OUT(R("{{#if n}}1{{/if}}{{#if t}}2{{/if}}{{#if items}}3{{/if}}{{#if obj}}4{{/if}}{{#if score}}5{{/if}}", V), "12345", "truthy values");
	CHECK_OUT(R("{{#unless nobody}}u{{else}}v{{/unless}}", V), "u", "unless");
	CHECK_OUT(R("{{#if emotion == \"anger\"}}A{{else if emotion == \"frustration\"}}F{{else}}O{{/if}}", V), "F", "else if by emotion");
	CHECK_OUT(R("{{#if emotion != \"anger\"}}not anger{{/if}}", V), "not anger", "!=");
	CHECK_OUT(R("{{#if n > 2}}a{{/if}}{{#if n >= 3}}b{{/if}}{{#if n < 3}}c{{/if}}{{#if n <= 3}}d{{/if}}{{#if score < 1}}e{{/if}}", V), "abde", "ordering");
	CHECK_OUT(R("{{#if customer.tier == \"2\"}}num-str{{/if}}", V), "num-str", "number equals numeric string");
	CHECK_OUT(R("{{#if nobody == null}}a{{/if}}{{#if nul == null}}b{{/if}}{{#if nobody < 3}}c{{/if}}", V), "ab", "null comparisons");
	CHECK_OUT(R("{{#if t == true}}a{{/if}}{{#if f == false}}b{{/if}}", V), "ab", "booleans");
	CHECK_OUT(R("{{#if emotion == \"anger\" or emotion == \"frustration\"}}hot{{/if}}", V), "hot", "or");
	CHECK_OUT(R("{{#if name and nobody}}x{{else}}y{{/if}}", V), "y", "and");
	CHECK_OUT(R("{{#if nobody and name or n}}x{{/if}}", V), "x", "and binds tighter");
	CHECK_OUT(R("{{#if not nobody}}x{{/if}}{{#if !name}}y{{/if}}", V), "x", "not");
	CHECK_OUT(R("{{#each items}}{{@index}}={{this}}{{#unless @last}}, {{/unless}}{{/each}}", V), "0=router, 1=cable, 2=adapter", "each");
	CHECK_OUT(R("{{#each orders}}#{{id}} {{total}} for {{name}}; {{/each}}", V), "#7 19.5 for Jane; #8 5 for Jane; ", "each with scope fallback");
	CHECK_OUT(R("{{#each none}}x{{else}}nothing{{/each}}", V), "nothing", "each else");
	CHECK_OUT(R("{{#each nobody}}x{{else}}nothing{{/each}}", V), "nothing", "each over missing");
	CHECK_OUT(R("{{#each obj}}{{@key}}={{this}};{{/each}}", "{\"obj\":{\"a\":1,\"b\":\"x\"}}"), "a=1;b=x;", "each over an object");
	CHECK_OUT(R("{{#each name}}[{{this}}]{{/each}}", V), "[Jane]", "each over a scalar");
	CHECK_OUT(R("{{#each orders}}{{#each ../x}}{{/each}}{{/each}}", V), "ERR@25: unexpected \".\" in tag, expected a variable name", "no parent paths");
	CHECK_OUT(R("{{#each a}}{{#each this}}{{this}}{{/each}};{{/each}}", "{\"a\":[[1,2],[3]]}"), "12;3;", "nested each");
	CHECK_OUT(R("{{#each a}}{{@first}}{{@last}} {{/each}}", "{\"a\":[1,2]}"), "truefalse falsetrue ", "@first @last");
	CHECK_OUT(R("{{#each items}}{{#if @index == 1}}{{this}}{{/if}}{{/each}}", V), "cable", "@index compares as a number");
	CHECK_OUT(R("Hi\n{{#if name}}\n  Dear {{name}},\n{{/if}}\nBye\n", V), "Hi\n  Dear Jane,\nBye\n", "standalone lines");
	CHECK_OUT(R("Hi\n  {{#if nobody}}  \nx\n  {{/if}}\nBye", V), "Hi\nBye", "standalone lines, false branch");
	CHECK_OUT(R("a {{#if name}}b{{/if}} c", V), "a b c", "inline sections keep spaces");
	CHECK_OUT(R("{{! note }}\nHi", V), "Hi", "standalone comment");
	CHECK_OUT(R("{{#if name}}\r\nx\r\n{{/if}}\r\n", V), "x\r\n", "CRLF standalone");
}

static void
test_escape(void)
{
	const char *vv = "{\"x\": \"<a href='#'>\\\"Tom & Jerry\\\"</a>\", \"j\": \"line\\n\\ttab \\\\ \\u0001\"}";
	EmpTplEscape e;

	CHECK_OUT(RE("<p>{{x}}</p>", vv, EMP_TPL_ESCAPE_HTML), "<p>&lt;a href=&#39;#&#39;&gt;&quot;Tom &amp; Jerry&quot;&lt;/a&gt;</p>", "html escaping");
	CHECK_OUT(RE("<p>{{x | raw}}</p>", vv, EMP_TPL_ESCAPE_HTML), "<p><a href='#'>\"Tom & Jerry\"</a></p>", "raw in html");
	CHECK_OUT(RE("{{{x}}}", vv, EMP_TPL_ESCAPE_HTML), "<a href='#'>\"Tom & Jerry\"</a>", "triple in html");
	CHECK_OUT(RE("{{x | html}}", vv, EMP_TPL_ESCAPE_HTML), "&lt;a href=&#39;#&#39;&gt;&quot;Tom &amp; Jerry&quot;&lt;/a&gt;", "html filter not doubled");
	/* a default after the html filter is escaped: the filter never saw it */
	CHECK_OUT(RE("{{none | html | default: x}}", vv, EMP_TPL_ESCAPE_HTML),
			  "&lt;a href=&#39;#&#39;&gt;&quot;Tom &amp; Jerry&quot;&lt;/a&gt;", "a default after html is escaped");
	CHECK_OUT(RE("{{none | html | default: x | upper}}", vv, EMP_TPL_ESCAPE_HTML),
			  "&lt;A HREF=&#39;#&#39;&gt;&quot;TOM &amp; JERRY&quot;&lt;/A&gt;", "a default after html is escaped, filters after it too");
	CHECK_OUT(RE("{{x | html | default: none}}", vv, EMP_TPL_ESCAPE_HTML),
			  "&lt;a href=&#39;#&#39;&gt;&quot;Tom &amp; Jerry&quot;&lt;/a&gt;", "a default not used leaves the html filter's text as it is");
	CHECK_OUT(RE("{\"t\": \"{{j}}\"}", vv, EMP_TPL_ESCAPE_JSON), "{\"t\": \"line\\n\\ttab \\\\ \\u0001\"}", "json escaping");
	CHECK_OUT(RE("{\"t\": \"{{x}}\"}", vv, EMP_TPL_ESCAPE_JSON), "{\"t\": \"<a href='#'>\\\"Tom & Jerry\\\"</a>\"}", "json quotes");
	CHECK_OUT(RE("{{missing | default: \"<none>\"}}", vv, EMP_TPL_ESCAPE_HTML), "&lt;none&gt;", "defaults are escaped too");
	CHECK(emp_tpl_escape_lookup("HTML", 4, &e) && e == EMP_TPL_ESCAPE_HTML, "escape names ignore case");
	CHECK(!emp_tpl_escape_lookup("xml", 3, &e), "unknown escape mode");
	CHECK(!emp_tpl_escape_lookup("", 0, &e), "empty escape mode");
}

static void
test_errors(void)
{
	CHECK_OUT(R("Hi {{name", V), "ERR@4: unterminated tag", "unterminated tag");
	CHECK_OUT(R("Hi {{name and {{x}}", V), "ERR@4: unterminated tag", "unterminated before another tag");
	CHECK_OUT(R("{{", V), "ERR@1: unterminated tag", "lone braces");
	CHECK_OUT(R("{{}}", V), "ERR@1: empty tag", "empty tag");
	CHECK_OUT(R("{{ name | uper }}", V), "ERR@11: unknown filter \"uper\"", "unknown filter");
	CHECK_OUT(R("{{ name | truncate }}", V), "ERR@11: filter \"truncate\" needs an argument", "missing argument");
	CHECK_OUT(R("{{ name | truncate: 0 }}", V), "ERR@11: filter \"truncate\" takes a length from 1 to 1000000000 and an optional string", "bad length");
	CHECK_OUT(R("{{ name | upper: 1 }}", V), "ERR@11: filter \"upper\" takes no arguments", "extra argument");
	CHECK_OUT(R("{{ name | join: x }}", V), "ERR@11: filter \"join\" takes literal arguments", "path argument");
	CHECK_OUT(R("{{#if x}}a", V), "ERR@1: unclosed {{#if}} section", "unclosed if");
	CHECK_OUT(R("a{{/if}}", V), "ERR@2: {{/if}} without a matching {{#if}}", "stray close");
	CHECK_OUT(R("{{#if x}}{{#each y}}{{/if}}{{/each}}", V), "ERR@21: {{/if}} where {{/each}} was expected", "crossed sections");
	CHECK_OUT(R("{{else}}", V), "ERR@1: {{else}} outside a section", "else outside");
	CHECK_OUT(R("{{#if a}}{{else}}{{else}}{{/if}}", V), "ERR@18: {{else}} after {{else}} in {{#if}}", "two elses");
	CHECK_OUT(R("{{#each a}}{{else if b}}{{/each}}", V), "ERR@12: {{else if}} inside {{#each}}", "else if in each");
	CHECK_OUT(R("{{#with a}}{{/with}}", V), "ERR@3: unknown section \"#with\"", "unknown section");
	CHECK_OUT(R("{{#if a = 1}}{{/if}}", V), "ERR@9: use == to compare values", "single =");
	CHECK_OUT(R("{{ \"abc }}", V), "ERR@4: unterminated string literal", "unterminated string");
	CHECK_OUT(R("{{ \"a\\qb\" }}", V), "ERR@6: invalid escape \"\\q\" in string literal", "invalid escape");
	CHECK_OUT(R("{{ \"\\u12\" }}", V), "ERR@5: invalid Unicode escape in string literal", "short unicode escape");
	CHECK_OUT(R("{{ \"\\u0000\" }}", V), "ERR@5: invalid Unicode escape in string literal", "NUL escape");
	CHECK_OUT(R("{{ \"\\ud83d\" }}", V), "ERR@5: invalid Unicode escape in string literal", "lone surrogate");
	CHECK_OUT(R("{{ \"\\ud83d\\ude00\" }}", V), "😀", "surrogate pair");
	CHECK_OUT(R("{{ @index }}", V), "ERR@4: \"@index\" used outside {{#each}}", "@index outside each");
	CHECK_OUT(R("{{ @foo }}", V), "ERR@4: unknown variable \"@foo\"", "unknown @ variable");
	CHECK_OUT(R("{{ a. }}", V), "ERR@6: unexpected \" \" in tag, expected a name after \".\"", "dangling dot");
	CHECK_OUT(R("{{ a[ }}", V), "ERR@7: unexpected \"}\" in tag, expected a quoted key or an index in brackets", "open bracket");
	CHECK_OUT(R("{{ a b }}", V), "ERR@6: unexpected \"b\" in tag, expected \"}}\"", "two names");
	CHECK_OUT(R("{{ 12abc }}", V), "ERR@6: unexpected \"a\" in tag, expected a number", "bad number");
	CHECK_OUT(R("{{ 007 | json }}", V), "ERR@4: a number literal cannot start with 0 and another digit", "leading zeros");
	CHECK_OUT(R("{{ -01 }}", V), "ERR@4: a number literal cannot start with 0 and another digit", "negative leading zero");
	CHECK_OUT(R("{{ 0 | json }} {{ -0.5 | json }} {{ 0e1 | json }}", V), "0 -0.5 0e1", "a lone zero and 0.x are numbers");
	CHECK_OUT(R("{{! never closed", V), "ERR@1: unterminated comment", "unterminated comment");
	CHECK_OUT(R("{{{#if a}}}", V), "ERR@1: triple braces can only enclose a variable", "triple section");
	CHECK_OUT(R("{{ é }}x{{ ü", V), "ERR@9: unterminated tag", "positions after multibyte");
}

static void
test_limits(void)
{
	char	   *big;
	size_t		n = 0;
	int			depth = 100000;
	EmpError	err;
	EmpTemplate *t;

	/* nesting 100,000 deep: a clear error, no recursion */
	big = malloc((size_t) depth * 20 + 1);
	for (int i = 0; i < depth; i++)
	{
		memcpy(big + n, "{{#if a}}", 9);
		n += 9;
	}
	big[n] = '\0';
	memset(&err, 0, sizeof(err));
	t = emp_template_compile(&emp_malloc_allocator, big, n, &err);
	CHECK(t == NULL && err.code == EMP_ERR_TOO_DEEP && err.position == 901,
		  "deep nesting: %s at %ld", err.message, err.position);

	/* 100 levels are fine */
	n = 0;
	for (int i = 0; i < 100; i++)
	{
		memcpy(big + n, "{{#if t}}", 9);
		n += 9;
	}
	memcpy(big + n, "x", 1);
	n++;
	for (int i = 0; i < 100; i++)
	{
		memcpy(big + n, "{{/if}}", 7);
		n += 7;
	}
	big[n] = '\0';
	CHECK_OUT(R(big, V), "x", "100 levels render");

	/* 100,000 open braces */
	memset(big, '{', 200000);
	big[200000] = '\0';
	CHECK_OUT(R(big, V), "ERR@1: unterminated tag", "a wall of braces");
	free(big);

	/* output limit */
	CHECK_OUT(render_opts("{{#each items}}{{name}}{{name}}{{/each}}", V, EMP_TPL_ESCAPE_TEXT, false, 20, 0),
			  "ERR@0: rendered template exceeds the maximum size of 20 bytes", "output limit");
	CHECK_OUT(render_opts("{{items | upper}}", V, EMP_TPL_ESCAPE_TEXT, false, 10, 0),
			  "ERR@0: rendered template exceeds the maximum size of 10 bytes", "scratch buffers share the limit");
	CHECK_OUT(render_opts("{{#each items}}{{#each items}}{{#each items}}{{#each items}}{{#each items}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}",
						  V, EMP_TPL_ESCAPE_TEXT, false, 0, 100),
			  "ERR@0: template rendering exceeds 100 steps", "step budget");

	/* a large array */
	{
		size_t		cnt = 10000;
		char	   *js = malloc(cnt * 8 + 32);
		size_t		k = 0;

		k += (size_t) sprintf(js, "{\"a\":[");
		for (size_t i = 0; i < cnt; i++)
			k += (size_t) sprintf(js + k, "%s%zu", i ? "," : "", i % 10);
		sprintf(js + k, "]}");
		CHECK_OUT(R("{{a | size}} {{a.9999}} {{a[-1]}}", js), "10000 9 9", "large array");
		render_opts("{{#each a}}{{this}}{{/each}}", js, EMP_TPL_ESCAPE_TEXT, false, 0, 0);
		CHECK(strlen(result) == cnt, "iterate a large array");
		free(js);
	}

	/* deeply nested value rendered as JSON without recursion */
	{
		int			d = 60;
		char		js[400];
		size_t		k = 0;

		k += (size_t) sprintf(js, "{\"v\":");
		for (int i = 0; i < d; i++)
			js[k++] = '[';
		js[k++] = '1';
		for (int i = 0; i < d; i++)
			js[k++] = ']';
		sprintf(js + k, "}");
		R("{{v | json}}", js);
		CHECK(strlen(result) == (size_t) (2 * d + 1) && result[0] == '[' && result[d] == '1' && result[2 * d] == ']',
			  "deep value renders");
	}
}

static void
test_lint(void)
{
	CHECK_OUT(lint("Hi {{name", NULL), "4 error: unterminated tag\n", "lint: syntax error");
	CHECK_OUT(lint("Hi {{name}}", NULL), "", "lint: clean, no sample");
	CHECK_OUT(lint("Hi {{name}} {{nick | default: \"x\"}} {{#if vip}}{{/if}}", "{\"name\":\"A\"}"),
			  "13 info: variable \"nick\" is not in the sample; its default is used\n"
			  "37 info: variable \"vip\" is not in the sample; it reads as false\n", "lint: defaults and conditions");
	CHECK_OUT(lint("{{ customer.last }}", "{\"customer\":{}}"),
			  "1 warning: variable \"customer.last\" is not in the sample; it renders as nothing\n", "lint: warning");
	CHECK_OUT(lint("{{#each orders}}{{id}} {{sku}} {{name}}{{/each}}", "{\"orders\":[{\"id\":1}], \"name\":\"x\"}"),
			  "24 warning: variable \"sku\" is not in the sample; it renders as nothing\n", "lint: inside each");
	CHECK_OUT(lint("{{#each orders}}{{id}}{{/each}}", "{\"orders\":[]}"), "", "lint: empty sample array: unknown items");
	CHECK_OUT(lint("{{#each orders}}{{id}}{{/each}}", "{}"),
			  "1 info: variable \"orders\" is not in the sample; the section renders its {{else}} branch\n", "lint: each target missing");
}

int
main(void)
{
	test_basics();
	test_lenient();
	test_strict();
	test_filters();
	test_sections();
	test_escape();
	test_errors();
	test_limits();
	test_lint();
	UNIT_DONE();
}

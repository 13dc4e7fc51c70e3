/*
 * emp_cli.c
 *	  Score lines of standard input with the engine, without a server: for
 *	  debugging rules and for the learning script (--features).
 *
 *	  emp_cli [--explain] [--lexicon F] [--modifiers F] [--model F]
 *	  emp_cli --bench N	 score all lines N times in file order, print ns per text
 *	  emp_cli --bench-sentiment N	 the same, computing only the sentiment, as
 *			sentiment() does
 *	  emp_cli --bench-stages N	 where the sentiment's time goes: the lines
 *			read N times by each stage of the engine in turn, each stage
 *			doing the work of those before it (tokens; their lexicon
 *			lookups; the automaton's steps; the walk, which also keeps
 *			the slots and accepts phrases; the sentiment's whole score)
 *	  emp_cli --bench-replies N	 lines are reply<TAB>customer message<TAB>name:
 *			time markers() on the replies and empathy_score() on the triples
 *			(an empty message or name is absent, as empathy_score(reply) has it)
 *	  emp_cli --replies	 lines are reply<TAB>customer message<TAB>name: print
 *			every marker of the reply, its scan, and every field of its
 *			empathy score with the rows that explain it (exact values)
 *	  emp_cli --exact [--explain]	 every score of each line at full
 *			precision, from emp_score and from emp_score_some for each score
 *			alone (and the explanation rows, exact), to compare builds
 *	  emp_cli --features VOCAB	 print, per line, each term's coefficient on
 *			the emotion channels and on valence (term weights set to 1), with
 *			the words of VOCAB added to the built-in lexicon
 *	  emp_cli --unescape ...	 read "\n", "\r", "\t" and "\\" in each line as
 *			the characters they name (a text of several lines on one line)
 *	  emp_cli --builtin-files	 print the names of the data files compiled in
 *	  emp_cli --build-time	 time building the built-in lexicon and phrase
 *			catalogue once, as a backend's first call does
 */
#include "builtin.h"
#include "markers.h"
#include "lexicon_int.h"
#include "tokenize_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (!f)
	{
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n + 1);
	if (fread(buf, 1, n, f) != (size_t) n)
		exit(2);
	fclose(f);
	*len = n;
	return buf;
}

static const char *cur_text;
static EmpLexicon *cur_lx;

typedef struct Feat
{
	int32_t		term;
	double		emo;
	double		val;
} Feat;

static Feat feats[4096];
static int	nfeats;

/* Collect a term's coefficients from explain rows (unit weights). */
static void
feature_row(void *arg, const EmpExplainRow *row)
{
	int			i;

	if (row->term <= 0 || (row->rule != EMP_RULE_LEXICON && row->rule != EMP_RULE_PHRASE &&
						   row->rule != EMP_RULE_NEGATION && row->rule != EMP_RULE_EMOJI &&
						   row->rule != EMP_RULE_EMOTICON))
		return;
	if (row->channel != EMP_ANGER && row->channel != EMP_CH_VALENCE)
		return;
	for (i = 0; i < nfeats; i++)
		if (feats[i].term == row->term)
			break;
	if (i == nfeats)
	{
		if (nfeats == 4096)
			return;
		feats[nfeats].term = row->term;
		feats[nfeats].emo = feats[nfeats].val = 0;
		nfeats++;
	}
	if (row->channel == EMP_ANGER)
		feats[i].emo += row->weight;
	else
		feats[i].val += row->weight;
}

static void
print_row(void *arg, const EmpExplainRow *row)
{
	printf("  %-24.*s %-16s %-15s %+.3f -> %+.4f\n", (int) row->len, cur_text + row->start,
		   emp_rule_names[row->rule], emp_dim_names[row->channel], row->weight, row->contribution);
}

/* --bench: every line is kept, then all are scored N times in file order. */
static char **bench_lines;
static size_t *bench_lens;
static size_t bench_n,
			bench_cap;

static void
bench_add(const char *line, size_t n)
{
	if (bench_n == bench_cap)
	{
		bench_cap = bench_cap ? bench_cap * 2 : 1024;
		bench_lines = realloc(bench_lines, bench_cap * sizeof(char *));
		bench_lens = realloc(bench_lens, bench_cap * sizeof(size_t));
	}
	bench_lines[bench_n] = malloc(n + 1);
	memcpy(bench_lines[bench_n], line, n + 1);
	bench_lens[bench_n++] = n;
}

static void
bench_run(EmpScorer *sc, int rounds, unsigned want)
{
	struct timespec t0,
				t1;
	EmpScores	s;
	double		sum = 0,
				ns;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int k = 0; k < rounds; k++)
		for (size_t i = 0; i < bench_n; i++)
		{
			if (want == EMP_WANT_ALL)
				emp_score(sc, bench_lines[i], bench_lens[i], &s, NULL, NULL);
			else
				emp_score_some(sc, bench_lines[i], bench_lens[i], want, &s, NULL, NULL);
			sum += s.sentiment;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
	printf("%zu texts x %d: %.1f ns per text (checksum %.4f)\n", bench_n, rounds,
		   ns / ((double) bench_n * rounds), sum);
}

/*
 * --bench-stages: the kept lines read by one stage of the engine after
 * another, each doing what the stages before it do and a step more; the
 * difference between two lines is what that step costs.  The stages
 * before the walk reset the automaton at punctuation as the walk does.
 */
static void
bench_stages_run(EmpScorer *sc, EmpLexicon *lx, int rounds)
{
	static const char *const stage[] = {
		"tokens", "+ lexicon lookups", "+ automaton steps",
		"walk (+ slots, phrases accepted)", "sentiment (+ the rules)"
	};
	EmpTokenizer *tz = emp_tokenizer_create(&emp_malloc_allocator);
	double		sum = 0;

	for (int k = 0; k < 5; k++)
	{
		struct timespec t0,
					t1;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int r = 0; r < rounds; r++)
			for (size_t i = 0; i < bench_n; i++)
			{
				if (k < 3)
				{
					EmpToken	tok;
					int32_t		state = emp_ac_root();
					int			got;

					emp_tokenizer_reset(tz, bench_lines[i], bench_lens[i]);
					while ((got = emp_tokenizer_next_classed(tz, &tok)) != EMP_TZ_END)
					{
						const EmpLookup *lk;

						if (got != EMP_TZ_WORD && (tok.kind == EMP_TOK_PUNCT || tok.kind == EMP_TOK_BREAK))
						{
							state = emp_ac_root();
							continue;
						}
						if (k == 0)
						{
							sum += tok.len;
							continue;
						}
						lk = emp_lexicon_resolve(lx, &tok);
						sum += lk->ids[0];
						for (int p = 0; k == 2 && p < lk->nparts; p++)
						{
							if (!(lk->symflags[p] & EMP_TERM_IN_PHRASE))
								state = emp_ac_root();
							else
								sum += emp_ac_feed_inline(lx, &state, lk->sym[p]);
						}
					}
				}
				else if (k == 3)
				{
					EmpWalker	w;
					EmpSlot    *s;

					emp_walker_init(&w, lx, tz, bench_lines[i], bench_lens[i]);
					while ((s = emp_walker_next(&w)) != NULL)
						sum += s->id + s->phrase;
				}
				else
				{
					EmpScores	s;

					emp_score_some(sc, bench_lines[i], bench_lens[i], EMP_WANT_SENTIMENT, &s, NULL, NULL);
					sum += s.sentiment;
				}
			}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("%-34s %8.1f ns per text\n", stage[k],
			   ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / ((double) bench_n * rounds));
	}
	printf("(%zu texts x %d; checksum %.1f)\n", bench_n, rounds, sum);
	emp_tokenizer_destroy(tz);
}

/* --bench-replies: split each kept line into reply, message and name. */
static void
bench_replies_run(EmpScorer *sc, EmpStemmer *st, int rounds)
{
	EmpError	err;
	EmpMarkerSet *ms;
	const char **part[3];
	size_t	   *plen[3];
	struct timespec t0,
				t1;
	double		sum = 0;

	memset(&err, 0, sizeof(err));
	ms = emp_builtin_markers(&emp_malloc_allocator, st, &err);
	if (ms == NULL)
	{
		fprintf(stderr, "error: %s\n", err.message);
		exit(1);
	}
	for (int k = 0; k < 3; k++)
	{
		part[k] = malloc(bench_n * sizeof(char *));
		plen[k] = malloc(bench_n * sizeof(size_t));
	}
	for (size_t i = 0; i < bench_n; i++)
	{
		char	   *p = bench_lines[i];

		for (int k = 0; k < 3; k++)
		{
			char	   *tab = (k < 2) ? strchr(p, '\t') : NULL;

			part[k][i] = p;
			plen[k][i] = tab ? (size_t) (tab - p) : strlen(p);
			p = tab ? tab + 1 : p + plen[k][i];
		}
	}
	for (int mode = 0; mode < 2; mode++)
	{
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int r = 0; r < rounds; r++)
			for (size_t i = 0; i < bench_n; i++)
			{
				if (mode == 0)
				{
					EmpMarkerScan scan;

					emp_markers_scan(ms, part[0][i], plen[0][i], &scan, NULL, NULL);
					sum += scan.nwords;
				}
				else
				{
					EmpEmpathy	e;

					/* an empty message or name is absent, as in empathy_score(reply) */
					emp_empathy_score(ms, sc, part[0][i], plen[0][i],
									  plen[1][i] ? part[1][i] : NULL, plen[1][i],
									  plen[2][i] ? part[2][i] : NULL, plen[2][i], &e, NULL, NULL);
					sum += e.score;
				}
			}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("%s: %zu rows x %d: %.1f ns per row\n", mode == 0 ? "markers" : "empathy_score",
			   bench_n, rounds,
			   ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / ((double) bench_n * rounds));
	}
	printf("(checksum %.1f)\n", sum);
}

/* --exact: floats at full precision, so that two builds compare bit for bit. */
static void
print_row_exact(void *arg, const EmpExplainRow *row)
{
	printf("  row %u+%u term=%d rule=%d ch=%d w=%.17g c=%.17g\n", row->start, row->len,
		   row->term, (int) row->rule, row->channel, row->weight, row->contribution);
}

static void
print_scores_exact(const char *what, const EmpScores *s)
{
	printf("%s: sentiment=%.17g intensity=%.17g escalation=%.17g nwords=%u dims=", what,
		   s->sentiment, s->intensity, s->escalation, s->nwords);
	for (int d = 0; d < EMP_NDIMS; d++)
		printf("%s%.17g", d ? "," : "", s->dims[d]);
	printf(" ev=");
	for (int ch = 0; ch < EMP_NCHANNELS; ch++)
		printf("%s%.17g", ch ? "," : "", s->evidence[ch]);
	printf("\n");
}

/*
 * Tokens, as emp_score_some hands them to a token function (a mark and a
 * count only for punctuation and breaks, the only tokens that have them).
 */
static void
print_token_exact(void *arg, const EmpToken *tok)
{
	printf(" [%d %u %u+%u %.*s", (int) tok->kind, tok->flags, tok->start, tok->len,
		   (int) tok->normlen, tok->norm);
	if (tok->kind == EMP_TOK_PUNCT || tok->kind == EMP_TOK_BREAK)
		printf(" %c%u", tok->punct ? tok->punct : '-', tok->count);
	printf("]");
}

static void
score_exact(EmpScorer *sc, const char *line, size_t n, bool explain)
{
	static const unsigned wants[] = {EMP_WANT_DIMS, EMP_WANT_SENTIMENT, EMP_WANT_INTENSITY,
	EMP_WANT_ESCALATION, EMP_WANT_ALL};
	EmpScores	s;

	emp_score(sc, line, n, &s, NULL, NULL);
	print_scores_exact("all", &s);
	for (int i = 0; i < (int) (sizeof(wants) / sizeof(wants[0])); i++)
	{
		char		what[16];

		emp_score_some(sc, line, n, wants[i], &s, NULL, NULL);
		snprintf(what, sizeof(what), "want%u", wants[i]);
		print_scores_exact(what, &s);
	}
	printf("tokens:");
	emp_score_some(sc, line, n, EMP_WANT_SENTIMENT, &s, print_token_exact, NULL);
	printf("\n");
	print_scores_exact("tokfn", &s);
	if (explain)
	{
		emp_score(sc, line, n, &s, print_row_exact, NULL);
		print_scores_exact("explained", &s);
	}
}

/* --replies: the markers and empathy score of reply<TAB>message<TAB>name lines. */
static void
print_hit(void *arg, const EmpMarkerHit *h)
{
	printf("  hit %u+%u %s s=%d term=%d feeling=%d sentence=%u\n", h->start, h->len,
		   emp_marker_names[h->category], h->strength, h->term, h->feeling, h->sentence);
}

static void
print_empathy_row(void *arg, const EmpEmpathyRow *row)
{
	printf("  erow %u+%u %s %.17g\n", row->start, row->len, row->category ? row->category : "(null)",
		   row->effect);
}

static void
print_scan(const char *what, const EmpMarkerScan *scan)
{
	printf("%s: nsentences=%u apology_sentences=%u nwords=%u level=", what, scan->nsentences,
		   scan->apology_sentences, scan->nwords);
	for (int c = 0; c < EMP_MK_NCATS; c++)
		printf("%s%d", c ? "," : "", scan->level[c]);
	printf(" count=");
	for (int c = 0; c < EMP_MK_NCATS; c++)
		printf("%s%d", c ? "," : "", scan->count[c]);
	printf("\n");
}

static void
print_empathy(const EmpEmpathy *e)
{
	printf("empathy: score=%.17g needed=%d emotional_reaction=%d interpretation=%d exploration=%d "
		   "acknowledged=%d reflection=%.17g name_count=%d personalization=%s customer_emotion=%d penalties=",
		   e->score, e->needed, e->emotional_reaction, e->interpretation, e->exploration,
		   e->acknowledged, e->reflection, e->name_count,
		   e->personalization ? e->personalization : "(null)", e->customer_emotion);
	for (int i = 0; i < e->npenalties && i < EMP_MAX_PENALTIES; i++)
		printf("%s%s", i ? "," : "", e->penalties[i]);
	printf(" (%d)\n", e->npenalties);
	print_scan("empathy scan", &e->scan);
}

static void
replies_line(EmpMarkerSet *ms, EmpScorer *sc, char *line)
{
	const char *part[3];
	size_t		plen[3];
	char	   *p = line;
	EmpMarkerScan scan;
	EmpEmpathy	e;

	for (int k = 0; k < 3; k++)
	{
		char	   *tab = (k < 2) ? strchr(p, '\t') : NULL;

		part[k] = p;
		plen[k] = tab ? (size_t) (tab - p) : strlen(p);
		p = tab ? tab + 1 : p + plen[k];
	}
	printf("%s\n", line);
	emp_markers_scan(ms, part[0], plen[0], &scan, print_hit, NULL);
	print_scan("scan", &scan);
	emp_markers_scan(ms, part[0], plen[0], &scan, NULL, NULL);
	print_scan("scan (no hits)", &scan);
	/* as --bench-replies calls it, then explained, then without message and name */
	emp_empathy_score(ms, sc, part[0], plen[0], part[1], plen[1], part[2], plen[2], &e, NULL, NULL);
	print_empathy(&e);
	emp_empathy_score(ms, sc, part[0], plen[0], part[1], plen[1], part[2], plen[2], &e,
					  print_empathy_row, NULL);
	print_empathy(&e);
	emp_empathy_score(ms, sc, part[0], plen[0], NULL, 0, NULL, 0, &e, print_empathy_row, NULL);
	print_empathy(&e);
}

int
main(int argc, char **argv)
{
	EmpAllocator *a = &emp_malloc_allocator;
	EmpError	err;
	EmpStemmer *st = emp_stemmer_create();
	EmpLexicon *lx = NULL;
	EmpModel	model;
	EmpScorer  *sc;
	bool		explain = false;
	const char *lexf = NULL,
			   *modf = NULL,
			   *modelf = NULL;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;

	const char *vocabf = NULL;
	bool		dump = false;
	int			bench = 0;
	bool		bench_replies = false;
	bool		bench_stages = false;
	bool		replies = false;
	bool		exact = false;
	bool		unescape = false;
	EmpMarkerSet *rms = NULL;
	unsigned	bench_want = EMP_WANT_ALL;

	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--bench") == 0 && i + 1 < argc)
			bench = atoi(argv[++i]);
		else if (strcmp(argv[i], "--bench-sentiment") == 0 && i + 1 < argc)
		{
			bench = atoi(argv[++i]);
			bench_want = EMP_WANT_SENTIMENT;
		}
		else if (strcmp(argv[i], "--bench-stages") == 0 && i + 1 < argc)
		{
			bench = atoi(argv[++i]);
			bench_stages = true;
		}
		else if (strcmp(argv[i], "--bench-replies") == 0 && i + 1 < argc)
		{
			bench = atoi(argv[++i]);
			bench_replies = true;
		}
		else if (strcmp(argv[i], "--replies") == 0)
			replies = true;
		else if (strcmp(argv[i], "--unescape") == 0)
			unescape = true;
		else if (strcmp(argv[i], "--exact") == 0)
			exact = true;
		else if (strcmp(argv[i], "--dump") == 0)
			dump = true;
		else if (strcmp(argv[i], "--build-time") == 0)
		{
			struct timespec t0,
						t1,
						t2;
			EmpStemmer *bst;
			EmpLexicon *blx;
			EmpMarkerSet *bms = NULL;

			memset(&err, 0, sizeof(err));
			clock_gettime(CLOCK_MONOTONIC, &t0);
			bst = emp_stemmer_create();
			blx = emp_builtin_lexicon(a, bst, &err);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			if (blx)
				bms = emp_builtin_markers(a, bst, &err);
			clock_gettime(CLOCK_MONOTONIC, &t2);
			if (bms == NULL)
				goto fail;
			printf("built-in lexicon %.2f ms, phrase catalogue %.2f ms\n",
				   (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6,
				   (t2.tv_sec - t1.tv_sec) * 1e3 + (t2.tv_nsec - t1.tv_nsec) / 1e6);
			return 0;
		}
		else if (strcmp(argv[i], "--builtin-files") == 0)
		{
			/* the learning script checks that it learns from the prior alone */
			for (int k = 0; emp_builtin_files[k].name; k++)
				printf("%s\n", emp_builtin_files[k].name);
			return 0;
		}
		else if (strcmp(argv[i], "--features") == 0 && i + 1 < argc)
			vocabf = argv[++i];
		else if (strcmp(argv[i], "--explain") == 0)
			explain = true;
		else if (strcmp(argv[i], "--lexicon") == 0 && i + 1 < argc)
			lexf = argv[++i];
		else if (strcmp(argv[i], "--modifiers") == 0 && i + 1 < argc)
			modf = argv[++i];
		else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
			modelf = argv[++i];
	}
	memset(&err, 0, sizeof(err));
	if (lexf || modf)
	{
		size_t		len;
		char	   *d;

		lx = emp_lexicon_create(a, st);
		if (modf && (d = slurp(modf, &len)) && !emp_lexicon_load_modifiers(lx, d, len, modf, &err))
			goto fail;
		if (lexf && (d = slurp(lexf, &len)) && !emp_lexicon_load_weights(lx, d, len, lexf, EMP_MERGE_SET, &err))
			goto fail;
		emp_lexicon_finish(lx);
	}
	else if ((lx = emp_builtin_lexicon(a, st, &err)) == NULL)
		goto fail;
	if (!emp_builtin_model(&model, &err))
		goto fail;
	if (modelf)
	{
		size_t		len;
		char	   *d = slurp(modelf, &len);

		if (!emp_model_load(&model, d, len, modelf, &err))
			goto fail;
	}
	if (dump)
	{
		for (int32_t id = 1; id < emp_lexicon_nterms(lx); id++)
		{
			size_t		tl;
			const char *tt = emp_lexicon_term_text(lx, id, &tl);
			const EmpTerm *t = emp_lexicon_term(lx, id);

			printf("%s%.*s", (t->flags & EMP_TERM_EXACT) ? "=" : "", (int) tl, tt);
			for (int ch = 0; ch < EMP_NCHANNELS; ch++)
				printf("\t%g", t->w[ch]);
			printf("\n");
		}
		return 0;
	}
	if (vocabf)
	{
		size_t		len;
		char	   *d = slurp(vocabf, &len);
		char	   *p = d;

		while (p < d + len)
		{
			char	   *e = memchr(p, '\n', d + len - p);

			if (e == NULL)
				e = d + len;
			if (e > p)
				emp_lexicon_add(lx, p, e - p, NULL, NULL, EMP_MERGE_ADD, 0, 1.0f, &err);
			p = e + 1;
		}
		emp_lexicon_unit_weights(lx);
		emp_lexicon_finish(lx);
	}
	cur_lx = lx;
	/* features: the terms' own valence, not what their emotions add to it */
	if (vocabf)
		memset(model.valence_from, 0, sizeof(model.valence_from));
	sc = emp_scorer_create(a, lx, &model);
	if (replies && (rms = emp_builtin_markers(a, st, &err)) == NULL)
		goto fail;
	while ((n = getline(&line, &cap, stdin)) > 0)
	{
		EmpScores	s;
		int			dims[EMP_NDIMS];
		int			nl;

		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (unescape)
		{
			ssize_t		o = 0;

			for (ssize_t k = 0; k < n; k++)
			{
				if (line[k] == '\\' && k + 1 < n && strchr("nrt\\", line[k + 1]))
				{
					k++;
					line[o++] = line[k] == 'n' ? '\n' : line[k] == 'r' ? '\r' : line[k] == 't' ? '\t' : '\\';
				}
				else
					line[o++] = line[k];
			}
			n = o;
			line[n] = '\0';
		}
		cur_text = line;
		if (bench > 0)
		{
			bench_add(line, n);
			continue;
		}
		if (replies)
		{
			replies_line(rms, sc, line);
			continue;
		}
		if (exact)
		{
			printf("%s\n", line);
			score_exact(sc, line, n, explain);
			continue;
		}
		if (vocabf)
		{
			nfeats = 0;
			emp_score(sc, line, n, &s, feature_row, NULL);
			for (int i = 0; i < nfeats; i++)
			{
				size_t		tl;
				const char *tt = emp_lexicon_term_text(lx, feats[i].term, &tl);
				bool		ex = (emp_lexicon_term(lx, feats[i].term)->flags & EMP_TERM_EXACT) != 0;

				printf("%s%s%.*s\x1f%.3f\x1f%.3f", i ? "\t" : "", ex ? "=" : "", (int) tl, tt, feats[i].emo, feats[i].val);
			}
			printf("\n");
			continue;
		}
		if (explain)
			printf("%s\n", line);
		emp_score(sc, line, n, &s, explain ? print_row : NULL, NULL);
		printf("sentiment=%.4f intensity=%.4f escalation=%.4f", s.sentiment, s.intensity, s.escalation);
		for (int d = 0; d < EMP_NDIMS; d++)
			if (s.dims[d] > 0)
				printf(" %s=%.3f", emp_dim_names[d], s.dims[d]);
		/* the evidence per channel (valence first), for calibration */
		printf(" ev=%.4f", s.evidence[EMP_CH_VALENCE]);
		for (int d = 0; d < EMP_NDIMS; d++)
			printf(",%.4f", s.evidence[d]);
		nl = emp_labels(sc, &s, dims);
		printf(" labels=");
		for (int i = 0; i < nl; i++)
			printf("%s%s", i ? "," : "", emp_dim_names[dims[i]]);
		printf("\n");
	}
	if (bench > 0 && bench_stages)
		bench_stages_run(sc, lx, bench);
	else if (bench > 0 && bench_replies)
		bench_replies_run(sc, st, bench);
	else if (bench > 0)
		bench_run(sc, bench, bench_want);
	return 0;
fail:
	fprintf(stderr, "error: %s\n", err.message);
	return 1;
}

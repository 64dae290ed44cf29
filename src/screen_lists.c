/*
 * screen_lists.c — each backend's in-memory view of the current lists, for
 * screening.
 *
 * Screening a party touches a few hundred list names out of tens of
 * thousands; going through the GIN index and joining the entity tables
 * costs a few hundred microseconds per party, which is too slow for order
 * entry and for batches of hundreds of thousands of parties.  So the first
 * screening in a backend reads every current list name (already parsed, the
 * entity_name.parsed column), the secondary evidence of every current
 * entity, the list sources, the country aliases and the screening weights
 * into one memory context, and builds an in-memory key index of the names
 * with name_keys.c's item keys (the same keys as the GIN index).  With
 * pg_screen preloaded, the view of the current lists is built into shared
 * memory instead and used by every backend that sees the same lists
 * (screen_shared.c); each backend then keeps only the matcher's scratch.
 *
 * When the view is stale: every table it reads has a statement trigger
 * that stores a new number from a sequence into the one row of
 * screen.list_state.  Each screening reads that row with its own snapshot
 * (a heap scan of one row, a few microseconds) and rebuilds the view when
 * the table, or its generation, differs from the one the view was built
 * from.  Because the row is read with the query's snapshot, a screening
 * sees the lists exactly as its snapshot does: a load committed by another
 * session is picked up by the next statement, a load in the screening's own
 * transaction at once, and a rolled-back load (whose generation number is
 * never used again) is dropped.
 */
#include "pg_screen.h"

#include <sys/mman.h>
#include <time.h>

#include "access/heapam.h"
#include "access/xact.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_collation_d.h"
#include "catalog/pg_type_d.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "storage/proc.h"
#include "storage/sinval.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/formatting.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "screen_lists.h"

/*
 * Memory for the view's arrays and its names' tokens (zeroed if zero;
 * arrays aligned to a cache line), taken in turn from arenas of at least
 * 8 MB that the kernel is asked to back with transparent huge pages before
 * anything is written to them (madvise; Linux's default THP mode honours
 * it).  The
 * matcher reads these arrays at random: with 4 kB pages, the 20-odd MB of
 * them the matcher reads take far more TLB entries than a core has, and
 * most reads missed the TLB too.  They are also faulted in 2 MB at a time.
 * Where the kernel gives no huge pages, the memory is the same.  Freed
 * with the view's context.
 */
#define SCR_HUGE_PAGE ((Size) 2 * 1024 * 1024)
#define SCR_ARENA_MIN ((Size) 8 * 1024 * 1024)

/*
 * size bytes from the memory at *next (*left bytes of it), an array (four
 * cache lines or more) starting on a cache line; NULL if they do not fit.
 */
static char *
bump(char **next, Size *left, Size size)
{
	Size		pad;
	char	   *p;

	if (*next == NULL)
		return NULL;
	pad = size >= 4 * SCR_CACHE_LINE ? TYPEALIGN(SCR_CACHE_LINE, *next) - (uintptr_t) *next : 0;
	if (pad + size > *left)
		return NULL;
	p = *next + pad;
	*next += pad + size;
	*left -= pad + size;
	return p;
}

static void *
view_alloc(ScrLists *L, Size size, bool zero)
{
	char	   *p = NULL;

	size = MAXALIGN(Max(size, 1));
	/* a view built into shared memory (screen_shared.c) */
	if (L->shm_next != NULL && !L->shm_full &&
		(p = bump(&L->shm_next, &L->shm_left, size)) == NULL)
		L->shm_full = true;		/* the rest goes to local memory: the view is this backend's */
	if (p == NULL && (p = bump(&L->arena, &L->arena_left, size)) == NULL)
	{
		Size		span = TYPEALIGN(SCR_HUGE_PAGE, Max(size, SCR_ARENA_MIN));

		/* (the rest of the last arena, and the slack for alignment, stay unused) */
		L->arena_unused += L->arena_left + SCR_HUGE_PAGE;
		p = palloc_extended(span + SCR_HUGE_PAGE, MCXT_ALLOC_HUGE);
		L->arena = (char *) TYPEALIGN(SCR_HUGE_PAGE, p);
		L->arena_left = span;
#ifdef MADV_HUGEPAGE
		/* only advice: without huge pages the memory is the same */
		(void) madvise(L->arena, span, MADV_HUGEPAGE);
#endif
		p = bump(&L->arena, &L->arena_left, size);
	}
	if (zero)
		memset(p, 0, size);
	return p;
}

static ScrLists *lists = NULL;		/* the current lists */
static ScrLists *lists_as_of = NULL;	/* the lists as of a date */

/* ---------------------------------------------------------------------------
 * the generation row
 */
static int64
read_generation(Oid relid, bool *own)
{
	Relation	rel = table_open(relid, AccessShareLock);
	TableScanDesc scan = table_beginscan(rel, GetActiveSnapshot(), 0, NULL);
	HeapTuple	tup = heap_getnext(scan, ForwardScanDirection);
	int64		gen = -1;

	if (HeapTupleIsValid(tup))
	{
		bool		isnull;
		Datum		d = heap_getattr(tup, 2, RelationGetDescr(rel), &isnull);

		if (!isnull)
			gen = DatumGetInt64(d);
		/* written by this transaction: its lists are not (yet) anyone else's */
		*own = TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(tup->t_data));
	}
	else
		*own = true;
	table_endscan(scan);
	table_close(rel, AccessShareLock);
	return gen;
}

/*
 * The generation row as a statement sees it, read once per snapshot: a
 * statement that screens many parties (a batch, the rows a parallel worker
 * takes) asks with the same snapshot each time, and each read costs a
 * relation lock and a scan (2-4% of a party's time).  The answer holds
 * while the snapshot (its contents: transactions in progress, command), the
 * transaction, subtransaction and command counter (no write of this
 * transaction since) and the invalidations received (no catalog change of
 * another session since, a dropped extension say) are the same.
 */
typedef struct GenMemo
{
	bool		valid;
	LocalTransactionId lxid;
	SubTransactionId subxid;
	CommandId	cid;
	uint64		inval;
	SnapshotData snap;			/* its xip and subxip point into the arrays below */
	int			xip_cap;
	int			subxip_cap;
	Oid			nsp;
	Oid			relid;
	int64		gen;
	bool		own;
} GenMemo;

static GenMemo gen_memo;

static bool
gen_memo_matches(Snapshot s)
{
	const GenMemo *m = &gen_memo;

	return m->valid && m->lxid == MyProc->lxid &&
		m->subxid == GetCurrentSubTransactionId() &&
		m->cid == GetCurrentCommandId(false) &&
		m->inval == SharedInvalidMessageCounter &&
		s->snapshot_type == SNAPSHOT_MVCC && m->snap.snapshot_type == SNAPSHOT_MVCC &&
		s->xmin == m->snap.xmin && s->xmax == m->snap.xmax && s->curcid == m->snap.curcid &&
		s->xcnt == m->snap.xcnt && s->subxcnt == m->snap.subxcnt &&
		s->suboverflowed == m->snap.suboverflowed &&
		s->takenDuringRecovery == m->snap.takenDuringRecovery &&
		(s->xcnt == 0 || memcmp(s->xip, m->snap.xip, sizeof(TransactionId) * s->xcnt) == 0) &&
		(s->subxcnt <= 0 ||
		 memcmp(s->subxip, m->snap.subxip, sizeof(TransactionId) * s->subxcnt) == 0);
}

/*
 * Keep the answer (nsp, relid, gen, own) for s, with a copy of s's
 * visibility in memory of its own (the snapshot's may be freed).
 */
static void
gen_memo_keep(Snapshot s, Oid nsp, Oid relid, int64 gen, bool own)
{
	GenMemo    *m = &gen_memo;
	TransactionId *xip = m->snap.xip,
			   *subxip = m->snap.subxip;

	m->valid = false;
	if (s->xcnt > m->xip_cap)
	{
		xip = MemoryContextAlloc(TopMemoryContext, sizeof(TransactionId) * s->xcnt);
		if (m->snap.xip)
			pfree(m->snap.xip);
		m->xip_cap = s->xcnt;
	}
	if (s->subxcnt > m->subxip_cap)
	{
		subxip = MemoryContextAlloc(TopMemoryContext, sizeof(TransactionId) * s->subxcnt);
		if (m->snap.subxip)
			pfree(m->snap.subxip);
		m->subxip_cap = s->subxcnt;
	}
	m->snap = *s;
	m->snap.xip = xip;
	m->snap.subxip = subxip;
	if (s->xcnt > 0)
		memcpy(xip, s->xip, sizeof(TransactionId) * s->xcnt);
	if (s->subxcnt > 0)
		memcpy(subxip, s->subxip, sizeof(TransactionId) * s->subxcnt);
	m->lxid = MyProc->lxid;
	m->subxid = GetCurrentSubTransactionId();
	m->cid = GetCurrentCommandId(false);
	m->inval = SharedInvalidMessageCounter;
	m->nsp = nsp;
	m->relid = relid;
	m->gen = gen;
	m->own = own;
	m->valid = true;
}

/*
 * screen.list_state (*relid, in schema *nsp) and its generation as the
 * active snapshot sees it; *own: written by this transaction.
 */
static int64
current_generation(Oid *nsp, Oid *relid, bool *own)
{
	Snapshot	snap = GetActiveSnapshot();
	int64		gen;

	if (gen_memo_matches(snap))
	{
		*nsp = gen_memo.nsp;
		*relid = gen_memo.relid;
		*own = gen_memo.own;
		return gen_memo.gen;
	}
	*nsp = get_namespace_oid("screen", false);
	*relid = get_relname_relid("list_state", *nsp);
	if (!OidIsValid(*relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table screen.list_state does not exist"),
				 errhint("Re-create the pg_screen extension.")));
	gen = read_generation(*relid, own);
	gen_memo_keep(snap, *nsp, *relid, gen, *own);
	return gen;
}

/* ---------------------------------------------------------------------------
 * reading the tables
 */
static char *
col_text(HeapTuple tup, TupleDesc td, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, td, col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/* the same, kept in the view's memory */
static char *
view_text(ScrLists *L, HeapTuple tup, TupleDesc td, int col)
{
	char	   *t = col_text(tup, td, col);
	char	   *v;
	Size		len;

	if (t == NULL)
		return NULL;
	len = strlen(t) + 1;
	v = view_alloc(L, len, false);
	memcpy(v, t, len);
	pfree(t);
	return v;
}

/*
 * The entities a view holds: the current ones ($1 NULL), or those in force
 * on the date $1 (the version of each list in force then,
 * screen.list_version_at, and the entity revisions valid in it).  The other
 * loaders read their tables whole and keep the rows of these entities: no
 * join whose plan could go wrong on tables not yet analyzed after a load.
 */
#define ENTITY_SET \
	"WITH v AS (SELECT lv.source, CASE WHEN $1::date IS NULL THEN lv.version_id" \
	"                 ELSE screen.list_version_at(lv.source, $1::date) END AS version_id" \
	"             FROM screen.list_version lv WHERE lv.status = 'current')" \
	" SELECT e.entity_id, e.source, e.list_id, e.kind, e.primary_name, v.version_id" \
	"   FROM screen.entity e JOIN v ON v.source = e.source" \
	"  WHERE CASE WHEN $1::date IS NULL THEN e.valid_to IS NULL" \
	"             ELSE e.valid_from <= v.version_id" \
	"                  AND (e.valid_to IS NULL OR e.valid_to > v.version_id) END" \
	"  ORDER BY e.entity_id"

/*
 * Run a query (its $1 is the view's date) with the caller's snapshot; stay
 * in the caller's memory context.
 */
static void
run(ScrLists *L, const char *sql)
{
	MemoryContext cxt = CurrentMemoryContext;
	Oid			type = DATEOID;
	Datum		v = DateADTGetDatum(L->as_of);
	char		null = L->has_as_of ? ' ' : 'n';
	int			rc;

	if (SPI_tuptable)
		SPI_freetuptable(SPI_tuptable);
	rc = SPI_execute_with_args(sql, 1, &type, &v, &null, true, 0);
	MemoryContextSwitchTo(cxt);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "pg_screen: reading the lists failed: %s", SPI_result_code_string(rc));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static int
cmp_alias(const void *a, const void *b)
{
	return strcmp(((const ScrAlias *) a)->alias, ((const ScrAlias *) b)->alias);
}

static int
cmp_idref(const void *a, const void *b)
{
	int			c = strcmp(((const ScrIdentRef *) a)->normalized, ((const ScrIdentRef *) b)->normalized);

	if (c != 0)
		return c;
	return ((const ScrIdentRef *) a)->entity - ((const ScrIdentRef *) b)->entity;
}

/* the index of an entity by id (entities are sorted by id), or -1 */
static int
entity_index(ScrLists *L, int64 id)
{
	int			lo = 0,
				hi = L->nentities - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (L->entities[mid].entity_id == id)
			return mid;
		if (L->entities[mid].entity_id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static void
load_weights(ScrLists *L)
{
#define WEIGHT(f) {#f, offsetof(ScrWeights, f)}
	static const struct
	{
		const char *key;
		size_t		off;
	}			fields[] =
	{
		WEIGHT(weak_alias_factor),
		WEIGHT(low_quality_factor),
		WEIGHT(kind_mismatch),
		WEIGHT(kind_partial_mismatch),
		WEIGHT(birth_date_exact),
		WEIGHT(birth_date_consistent),
		WEIGHT(birth_date_close),
		WEIGHT(birth_date_contradiction),
		WEIGHT(country_match),
		WEIGHT(country_mismatch),
		WEIGHT(identifier_match_floor),
		WEIGHT(identifier_contradiction),
		WEIGHT(candidate_margin),
	};
#undef WEIGHT
	uint64		i;
	int			f;

	run(L, "SELECT key, value FROM jsonb_each_text(screen.screening_weights())");
	for (f = 0; f < (int) lengthof(fields); f++)
	{
		bool		found = false;

		for (i = 0; i < SPI_processed; i++)
		{
			char	   *k = col_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);

			if (strcmp(k, fields[f].key) == 0)
			{
				char	   *v = col_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);

				*(double *) ((char *) &L->w + fields[f].off) =
					DatumGetFloat8(DirectFunctionCall1(float8in, CStringGetDatum(v)));
				found = true;
			}
		}
		if (!found)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("screen.screening_weights() has no \"%s\"", fields[f].key),
					 errhint("Re-create the extension's screening_weights() function.")));
	}
}

static void
load_sources_aliases(ScrLists *L)
{
	uint64		i;

	run(L, "SELECT code FROM screen.list_source");
	L->nsources = SPI_processed;
	L->sources = view_alloc(L, sizeof(char *) * (L->nsources + 1), false);
	for (i = 0; i < SPI_processed; i++)
		L->sources[i] = view_text(L, SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
	qsort(L->sources, L->nsources, sizeof(char *), cmp_str);

	run(L, "SELECT alias, iso2 FROM screen.control_country_alias");
	L->naliases = SPI_processed;
	L->aliases = view_alloc(L, sizeof(ScrAlias) * (L->naliases + 1), false);
	for (i = 0; i < SPI_processed; i++)
	{
		L->aliases[i].alias = view_text(L, SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		L->aliases[i].iso2 = view_text(L, SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
	}
	qsort(L->aliases, L->naliases, sizeof(ScrAlias), cmp_alias);
}

static void
load_entities(ScrLists *L)
{
	uint64		i;

	run(L, ENTITY_SET);
	L->nentities = SPI_processed;
	L->entities = view_alloc(L, sizeof(ScrEntity) * (L->nentities + 1), true);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	td = SPI_tuptable->tupdesc;
		ScrEntity  *e = &L->entities[i];
		bool		isnull;

		e->entity_id = DatumGetInt64(SPI_getbinval(tup, td, 1, &isnull));
		e->source = scr_source_index(L, col_text(tup, td, 2));
		e->list_id = view_text(L, tup, td, 3);
		e->kind = view_text(L, tup, td, 4);
		e->primary_name = view_text(L, tup, td, 5);
		e->version_id = DatumGetInt64(SPI_getbinval(tup, td, 6, &isnull));
	}
}

/* a row of the list names and the group it is laid out in */
typedef struct NameRow
{
	uint32		group;
	int			row;
} NameRow;

static int
cmp_name_row(const void *a, const void *b)
{
	const NameRow *x = a,
			   *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return x->row - y->row;
}

/*
 * The order in which the view lays out the list names (the rows of the
 * last query, parsed forms in column col): grouped by the word of each
 * name that the most names have (the hash of its canonical form), so that
 * the names a common word's keys meet ("Muhammad") lie together and a
 * party with that word reads them from neighbouring memory; names without
 * words last; within a group, in the rows' order.  Only the speed depends
 * on it: where the order of the names decides (which of an entity's names
 * a tie keeps), ScrName.order, the row, does.
 */
static NameRow *
names_in_group_order(int col)
{
	uint64		nrows = SPI_processed,
				i,
				nwords = 0,
				cap = 1024;
	uint32		size = 1024,
				used = 0;
	uint32	   *keys,
			   *counts,
			   *slots = palloc(sizeof(uint32) * cap);
	uint64	   *first = palloc(sizeof(uint64) * (nrows + 1));
	PgsToken	tok[PGS_MAX_TOKENS];
	NameRow    *rows = palloc(sizeof(NameRow) * (nrows + 1));

	while (size < nrows * 8 && size < (1 << 22))
		size <<= 1;
	keys = palloc_extended(sizeof(uint32) * size, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	counts = palloc_extended(sizeof(uint32) * size, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);

	/* how many names have each word; each name's words, as their slots */
	for (i = 0; i < nrows; i++)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, col, &isnull);
		struct varlena *v;
		int			ntok,
					j;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		first[i] = nwords;
		if (isnull)
			continue;
		v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(d));
		ntok = pgs_unpack(v, tok, PGS_MAX_TOKENS);
		for (j = 0; j < ntok; j++)
		{
			uint32		h,
						slot;

			if (!pgs_is_wordlike(tok[j].cls))
				continue;
			h = hash_bytes((const unsigned char *) tok[j].canon, tok[j].clen) | 1;
			slot = h & (size - 1);
			while (keys[slot] != 0 && keys[slot] != h)
				slot = (slot + 1) & (size - 1);
			if (keys[slot] == 0)
			{
				/*
				 * (the table is kept at most half full, so that a probe ends;
				 * a word past that counts as none has it)
				 */
				if (used >= size / 2)
					continue;
				keys[slot] = h;
				used++;
			}
			counts[slot]++;
			if (nwords == cap)
			{
				cap *= 2;
				slots = repalloc_huge(slots, sizeof(uint32) * cap);
			}
			slots[nwords++] = slot;
		}
		if ((Pointer) v != DatumGetPointer(d))
			pfree(v);
	}
	first[nrows] = nwords;

	/* each name's most common word (of equal counts, the lesser hash) */
	for (i = 0; i < nrows; i++)
	{
		uint64		k;
		uint32		bestcount = 0;

		rows[i].row = (int) i;
		rows[i].group = PG_UINT32_MAX;
		for (k = first[i]; k < first[i + 1]; k++)
		{
			uint32		slot = slots[k];

			if (counts[slot] > bestcount ||
				(counts[slot] == bestcount && keys[slot] < rows[i].group))
			{
				rows[i].group = keys[slot];
				bestcount = counts[slot];
			}
		}
	}
	qsort(rows, nrows, sizeof(NameRow), cmp_name_row);
	pfree(keys);
	pfree(counts);
	pfree(slots);
	pfree(first);
	return rows;
}

static void
load_names(ScrLists *L)
{
	uint64		r;
	int			n = 0;
	NameRow    *rows;

	run(L, "SELECT entity_id, name, name_type, quality, parsed FROM screen.entity_name ORDER BY name_id");
	rows = names_in_group_order(5);
	L->names = view_alloc(L, sizeof(ScrName) * (SPI_processed + 1), true);
	for (r = 0; r < SPI_processed; r++)
	{
		int			i = rows[r].row;
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	td = SPI_tuptable->tupdesc;
		ScrName    *nm = &L->names[n];
		bool		isnull;
		int			ent = entity_index(L, DatumGetInt64(SPI_getbinval(tup, td, 1, &isnull)));
		Datum		parsed;
		char	   *quality;
		PgsNameHead head;

		if (ent < 0)
			continue;			/* its list has no current version */
		parsed = SPI_getbinval(tup, td, 5, &isnull);
		if (isnull)
			continue;
		nm->entity = ent;
		nm->order = i;
		nm->name = view_text(L, tup, td, 2);
		nm->name_type = view_text(L, tup, td, 3);
		quality = col_text(tup, td, 4);
		nm->weak = strcmp(nm->name_type, "weak") == 0;
		nm->low_quality = quality && (strcmp(quality, "low") == 0 || strcmp(quality, "weak") == 0);
		{
			struct varlena *v = PG_DETOAST_DATUM(parsed);

			nm->parsed = view_alloc(L, VARSIZE_ANY(v), false);
			memcpy(nm->parsed, v, VARSIZE_ANY(v));
			if ((Pointer) v != DatumGetPointer(parsed))
				pfree(v);
		}
		memcpy(&head, VARDATA_ANY(nm->parsed), sizeof(head));
		nm->tok = view_alloc(L, sizeof(PgsToken) * (head.ntokens + 1), false);
		nm->nalltok = pgs_unpack(nm->parsed, nm->tok, head.ntokens);
		/* as screen.name_score sees it */
		nm->ntok = Min(nm->nalltok, PGS_MAX_SCORE_TOKENS + 8);
		n++;
	}
	L->nnames = n;
	pfree(rows);
}

/*
 * The entity of each row of the last query (its first column is entity_id;
 * -1: not a current entity), and how many rows each entity has.
 */
static int *
rows_by_entity(ScrLists *L, int **counts)
{
	int		   *ent = palloc(sizeof(int) * (SPI_processed + 1));
	uint64		i;

	*counts = palloc0(sizeof(int) * (L->nentities + 1));
	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull;

		ent[i] = entity_index(L, DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[i],
															  SPI_tuptable->tupdesc, 1, &isnull)));
		if (ent[i] >= 0)
			(*counts)[ent[i]]++;
	}
	return ent;
}

/* birth dates, countries and identifiers of the current entities */
static void
load_evidence(ScrLists *L)
{
	uint64		i;
	int			e,
			   *ent,
			   *cnt;

	run(L, "SELECT entity_id, date_from, date_to, date_precision = 'day', raw"
		"  FROM screen.entity_birth_date WHERE date_from IS NOT NULL AND date_to IS NOT NULL"
		" ORDER BY entity_id, raw COLLATE \"C\"");
	ent = rows_by_entity(L, &cnt);
	for (e = 0; e < L->nentities; e++)
		if (cnt[e] > 0)
			L->entities[e].dob = view_alloc(L, sizeof(ScrDob) * cnt[e], false);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	td = SPI_tuptable->tupdesc;
		bool		isnull;
		ScrDob	   *d;

		if (ent[i] < 0)
			continue;
		d = &L->entities[ent[i]].dob[L->entities[ent[i]].ndob++];
		d->from = DatumGetDateADT(SPI_getbinval(tup, td, 2, &isnull));
		d->to = DatumGetDateADT(SPI_getbinval(tup, td, 3, &isnull));
		d->day = DatumGetBool(SPI_getbinval(tup, td, 4, &isnull));
		d->raw = view_text(L, tup, td, 5);
	}

	/* as screen.country_iso2() maps them */
	run(L, "SELECT DISTINCT x.entity_id, a.iso2 COLLATE \"C\""
		"  FROM (SELECT entity_id, country FROM screen.entity_country"
		"        UNION ALL SELECT entity_id, country FROM screen.entity_address WHERE country IS NOT NULL"
		"        UNION ALL SELECT entity_id, country FROM screen.entity_birth_place WHERE country IS NOT NULL) x"
		"  JOIN screen.control_country_alias a ON a.alias = lower(btrim(x.country))"
		" ORDER BY 1, 2");
	ent = rows_by_entity(L, &cnt);
	for (e = 0; e < L->nentities; e++)
		if (cnt[e] > 0)
			L->entities[e].country = view_alloc(L, sizeof(char *) * cnt[e], false);
	for (i = 0; i < SPI_processed; i++)
	{
		ScrEntity  *en;

		if (ent[i] < 0)
			continue;
		en = &L->entities[ent[i]];
		en->country[en->ncountry++] = view_text(L, SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
	}

	run(L, "SELECT entity_id, id_type, normalized, value FROM screen.entity_identifier"
		" ORDER BY entity_id, id_type COLLATE \"C\", value COLLATE \"C\"");
	ent = rows_by_entity(L, &cnt);
	L->idrefs = view_alloc(L, sizeof(ScrIdentRef) * (SPI_processed + 1), false);
	for (e = 0; e < L->nentities; e++)
		if (cnt[e] > 0)
			L->entities[e].id = view_alloc(L, sizeof(ScrIdent) * cnt[e], false);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	td = SPI_tuptable->tupdesc;
		ScrIdent   *id;

		if (ent[i] < 0)
			continue;
		id = &L->entities[ent[i]].id[L->entities[ent[i]].nid++];
		id->id_type = view_text(L, tup, td, 2);
		id->normalized = view_text(L, tup, td, 3);
		id->value = view_text(L, tup, td, 4);
		L->idrefs[L->nidrefs].normalized = id->normalized;
		L->idrefs[L->nidrefs].entity = ent[i];
		L->nidrefs++;
	}
	qsort(L->idrefs, L->nidrefs, sizeof(ScrIdentRef), cmp_idref);
}

/* ---------------------------------------------------------------------------
 * the key index
 */

/* one (key, name) pair while building, with the name's tokens the key stands for */
typedef struct KeyPair
{
	uint32		key;
	uint32		name;
	uint32		imask;
} KeyPair;

/* stable LSD radix sort of the pairs by key (names stay in order) */
static void
sort_pairs(KeyPair *a, int64 n)
{
	KeyPair    *tmp = palloc_extended(sizeof(KeyPair) * Max(n, 1), MCXT_ALLOC_HUGE);
	int			pass;

	for (pass = 0; pass < 4; pass++)
	{
		int64		count[257] = {0};
		int			shift = pass * 8;
		int64		i;
		KeyPair    *t;

		for (i = 0; i < n; i++)
			count[((a[i].key >> shift) & 0xff) + 1]++;
		for (i = 0; i < 256; i++)
			count[i + 1] += count[i];
		for (i = 0; i < n; i++)
			tmp[count[(a[i].key >> shift) & 0xff]++] = a[i];
		t = a;
		a = tmp;
		tmp = t;
	}
	/* four passes: the sorted data is back in the caller's array */
	pfree(tmp);
}

/* tokens j..k as a mask (tokens past the mask's width are left out) */
static uint32
token_bits(int j, int k)
{
	uint32		m = 0;

	for (; j <= k && j < SCR_ITEM_MASK_TOKENS; j++)
		m |= (uint32) 1 << j;
	return m;
}

/*
 * The key index.  A word's own keys (name_keys.c: its canonical form,
 * deletions, phonetic key) are those of its vocabulary word, so they point
 * at the word, and the word at its names (vpost): a query that meets a
 * common word through several of its keys reads its names once.  The other
 * keys (two or three tokens glued, initials, numbers, tokens past the
 * summaries' width or the scorer's) point at the names directly.
 */
#define VID_PAIR 0x80000000u	/* KeyPair.name: a vocabulary id, not a name */

static void
build_key_index(ScrLists *L)
{
	int64		cap = (int64) L->nnames * 24 + (int64) L->nvocab * 12 + 16,
				np = 0,
				i,
				nuniq = 0,
				nv = 0;
	KeyPair    *pairs = palloc_extended(sizeof(KeyPair) * cap, MCXT_ALLOC_HUGE);
	PgsKeys		kb;
	uint32		size = 16;
	int			n,
				v,
				k;

	pgs_keys_init(&kb, 256, true);
	for (n = 0; n < L->nnames; n++)
	{
		ScrName    *nm = &L->names[n];
		const ScrTokSum *ts = &L->toks[L->sums[n].tok0];
		int			nsum = Min(nm->ntok, SCR_ITEM_MASK_TOKENS);

		CHECK_FOR_INTERRUPTS();
		kb.n = 0;
		pgs_name_keys(nm->tok, nm->nalltok, false, false, &kb);
		if (np + kb.n > cap)
		{
			cap = (np + kb.n) * 2;
			pairs = repalloc_huge(pairs, sizeof(KeyPair) * cap);
		}
		for (k = 0; k < kb.n; k++)
		{
			/* a word's own keys: its vocabulary word's, below */
			if (kb.tok1[k] == kb.tok2[k] && kb.tok1[k] < nsum && ts[kb.tok1[k]].vid != 0)
				continue;
			pairs[np].key = kb.keys[k];
			pairs[np].name = n;
			pairs[np].imask = token_bits(kb.tok1[k], kb.tok2[k]);
			np++;
		}
		for (k = 0; k < nsum; k++)
			if (ts[k].vid != 0)
				nv++;
	}
	for (v = 1; v < L->nvocab; v++)
	{
		kb.n = 0;
		pgs_name_keys(&L->vwords[v].t, 1, false, false, &kb);
		if (np + kb.n > cap)
		{
			cap = (np + kb.n) * 2;
			pairs = repalloc_huge(pairs, sizeof(KeyPair) * cap);
		}
		for (k = 0; k < kb.n; k++)
		{
			pairs[np].key = kb.keys[k];
			pairs[np].name = VID_PAIR | v;
			pairs[np].imask = 0;
			np++;
		}
	}
	/* (stable: a key's names in name order, then its words in id order) */
	sort_pairs(pairs, np);

	/* postings: one per (key, name) or (key, word), a name's tokens under that key */
	L->post = view_alloc(L, sizeof(ScrPosting) * (np + SCR_POST_SLACK), false);
	memset(&L->post[np], 0, sizeof(ScrPosting) * SCR_POST_SLACK);
	for (i = 0; i < np; i++)
		if (i == 0 || pairs[i].key != pairs[i - 1].key)
			nuniq++;
	/* at most two thirds full: a lookup probes one or two slots, one cache line */
	while (size < nuniq + nuniq / 2)
		size <<= 1;
	L->hmask = size - 1;
	L->hslots = view_alloc(L, sizeof(ScrKeySlot) * size, true);
	L->npost = 0;
	for (i = 0; i < np;)
	{
		uint32		key = pairs[i].key;
		uint32		start = L->npost;
		uint32		slot = murmurhash32(key) & L->hmask;
		uint32		nvids = 0;

		for (; i < np && pairs[i].key == key; i++)
		{
			if (L->npost > start && L->post[L->npost - 1].name == (pairs[i].name & ~VID_PAIR) &&
				(nvids > 0) == ((pairs[i].name & VID_PAIR) != 0))
				L->post[L->npost - 1].imask |= pairs[i].imask;
			else
			{
				L->post[L->npost].name = pairs[i].name & ~VID_PAIR;
				L->post[L->npost].imask = pairs[i].imask;
				L->npost++;
				if (pairs[i].name & VID_PAIR)
					nvids++;
			}
		}
		while (L->hslots[slot].len != 0)
			slot = (slot + 1) & L->hmask;
		L->hslots[slot].key = key;
		L->hslots[slot].start = start;
		L->hslots[slot].len = L->npost - start;
		L->hslots[slot].nvids = nvids;
	}
	pfree(pairs);

	/* each word's names, in name order, with the tokens it is in each */
	L->vpost0 = view_alloc(L, sizeof(uint32) * (L->nvocab + 1), true);
	L->vpost = view_alloc(L, sizeof(ScrPosting) * (nv + SCR_POST_SLACK), false);
	memset(&L->vpost[nv], 0, sizeof(ScrPosting) * SCR_POST_SLACK);
	for (n = 0; n < L->nnames; n++)
	{
		const ScrTokSum *ts = &L->toks[L->sums[n].tok0];
		int			nsum = Min(L->names[n].ntok, SCR_ITEM_MASK_TOKENS);

		for (k = 0; k < nsum; k++)
			if (ts[k].vid != 0)
				L->vpost0[ts[k].vid + 1]++;
	}
	for (v = 0; v < L->nvocab; v++)
		L->vpost0[v + 1] += L->vpost0[v];
	{
		uint32	   *fill = palloc(sizeof(uint32) * (L->nvocab + 1));

		memcpy(fill, L->vpost0, sizeof(uint32) * (L->nvocab + 1));
		for (n = 0; n < L->nnames; n++)
		{
			const ScrTokSum *ts = &L->toks[L->sums[n].tok0];
			int			nsum = Min(L->names[n].ntok, SCR_ITEM_MASK_TOKENS);

			for (k = 0; k < nsum; k++)
			{
				uint32		vid = ts[k].vid;
				ScrPosting *last = fill[vid] > L->vpost0[vid] ? &L->vpost[fill[vid] - 1] : NULL;

				if (vid == 0)
					continue;
				/* a word twice in a name: one posting, both tokens */
				if (last && last->name == (uint32) n)
					last->imask |= (uint32) 1 << k;
				else
				{
					L->vpost[fill[vid]].name = n;
					L->vpost[fill[vid]].imask = (uint32) 1 << k;
					fill[vid]++;
				}
			}
		}
		/* (the words twice in a name left gaps: close them) */
		nv = 0;
		for (v = 1; v < L->nvocab; v++)
		{
			uint32		from = L->vpost0[v],
						to = fill[v];

			L->vpost0[v] = nv;
			memmove(&L->vpost[nv], &L->vpost[from], sizeof(ScrPosting) * (to - from));
			nv += to - from;
		}
		L->vpost0[L->nvocab] = nv;
		memset(&L->vpost[nv], 0, sizeof(ScrPosting) * SCR_POST_SLACK);
		pfree(fill);
	}
	L->npost += nv;
}

/* tokens the matcher's may-align test cannot tell apart */
static bool
same_word(const PgsToken *a, const PgsToken *b)
{
	return a->len == b->len && a->clen == b->clen && a->cls == b->cls &&
		a->flags == b->flags && a->script == b->script &&
		memcmp(a->text, b->text, a->len) == 0 && memcmp(a->canon, b->canon, a->clen) == 0 &&
		memcmp(a->phon, b->phon, PGS_PHON_LEN) == 0;
}

/*
 * The vocabulary id of an indexable word t, added if new (slots: open
 * addressing; *words: each id's token, *cap of them allocated)
 */
static uint32
vocab_id(ScrLists *L, uint32 *slots, uint32 hmask, const PgsToken ***words, int *cap,
		 const PgsToken *t)
{
	uint32		slot = hash_bytes((const unsigned char *) t->text, t->len) & hmask;

	while (slots[slot] != 0 && !same_word((*words)[slots[slot]], t))
		slot = (slot + 1) & hmask;
	if (slots[slot] == 0)
	{
		if (L->nvocab >= *cap)
		{
			*cap *= 2;
			*words = repalloc(*words, sizeof(PgsToken *) * *cap);
		}
		(*words)[L->nvocab] = t;
		slots[slot] = L->nvocab++;
	}
	return slots[slot];
}

/*
 * What the matcher's bounds need to know of the list names (ScrNameSum),
 * laid out name after name: the weights and vocabulary ids of their tokens,
 * their glue words and runs.  The vocabulary gives an id to each distinct
 * indexable word, so that the matcher asks once per query which query words
 * a listed word may align with, not once per name it occurs in.
 */
static void
summarize_names(ScrLists *L)
{
	MemoryContext cxt = CurrentMemoryContext,
				tmp = AllocSetContextCreate(cxt, "pg_screen name summaries", ALLOCSET_DEFAULT_SIZES);
	int64		ntok = 0,
				nwords = 0,
				nruns = 0;
	uint32		size = 1024;
	uint32	   *slots;
	ScrGlueWord **words = MemoryContextAlloc(tmp, sizeof(ScrGlueWord *) * (L->nnames + 1));
	ScrGlueRun **runs = MemoryContextAlloc(tmp, sizeof(ScrGlueRun *) * (L->nnames + 1));
	const PgsToken **words_of;
	char	   *texts;
	Size		textlen = 0;
	int			cap = 1024,
				n,
				j;

	/* one cache line per name, aligned to one */
	L->sums = view_alloc(L, sizeof(ScrNameSum) * (L->nnames + 1), true);
	for (n = 0; n < L->nnames; n++)
		ntok += Min(L->names[n].ntok, SCR_ITEM_MASK_TOKENS);
	L->toks = view_alloc(L, sizeof(ScrTokSum) * (ntok + 1), true);
	while (size < ntok * 2)
		size <<= 1;
	slots = palloc_extended(sizeof(uint32) * size, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	words_of = MemoryContextAllocZero(tmp, sizeof(PgsToken *) * cap);	/* id 0 unused */
	L->nvocab = 1;

	ntok = 0;
	for (n = 0; n < L->nnames; n++)
	{
		ScrName    *nm = &L->names[n];
		ScrNameSum *sm = &L->sums[n];

		sm->tok0 = ntok;
		for (j = 0; j < nm->ntok && j < SCR_ITEM_MASK_TOKENS; j++, ntok++)
		{
			PgsToken   *t = &nm->tok[j];

			if (t->cls == PGS_TOK_NUMBER)
				sm->nummask |= (uint32) 1 << j;
			else if (pgs_key_indexable(t))
			{
				sm->wordmask |= (uint32) 1 << j;
				L->toks[ntok].vid = vocab_id(L, slots, size - 1, &words_of, &cap, t);
				L->toks[ntok].mask = t->mask;
				L->toks[ntok].len = t->script == PGS_SCRIPT_ABJAD ? 0 : t->len;
			}
			L->toks[ntok].w = t->weight;
			L->toks[ntok].first = (uint8) t->text[0];
		}
		/* all tokens (the scorer may see some past the masks' width) */
		for (j = 0; j < nm->ntok; j++)
		{
			PgsToken   *t = &nm->tok[j];

			if (t->cls == PGS_TOK_INITIAL && sm->ninitials < PG_UINT8_MAX)
			{
				sm->ninitials++;
				sm->init_letters |= t->mask;
			}
			if (pgs_key_indexable(t) && t->cls != PGS_TOK_NUMBER && sm->nwords < PG_UINT8_MAX)
				sm->nwords++;
			if (t->cls <= PGS_TOK_PATRONYMIC)
				L->class_maxw[t->cls] = Max(L->class_maxw[t->cls], t->weight);
		}
		sm->source = L->entities[nm->entity].source;
		MemoryContextSwitchTo(tmp);
		scr_glue_summary(nm->tok, nm->ntok, &sm->glue, &words[n], &runs[n]);
		MemoryContextSwitchTo(cxt);
		scr_glue_hints(sm, &L->toks[sm->tok0], words[n], runs[n]);
		nwords += sm->glue.nwordv;
		nruns += sm->glue.nrunv;
	}
	pfree(slots);

	L->glen = view_alloc(L, sizeof(ScrGlueLen) * (L->nnames + 1), false);
	for (n = 0; n < L->nnames; n++)
	{
		L->glen[n].len = L->sums[n].glue.len;
		L->glen[n].ntok = L->sums[n].glue.ntok;
	}

	/*
	 * The vocabulary: its per-query part, and what the may-align test reads
	 * of each word (ScrVocabWord): a copy of its token, its canonical form's
	 * hash and its glue keys; the words' texts copied together.
	 */
	L->vocab = view_alloc(L, sizeof(ScrVocab) * L->nvocab, true);
	L->vwords = view_alloc(L, sizeof(ScrVocabWord) * L->nvocab, true);
	for (j = 1; j < L->nvocab; j++)
		textlen += words_of[j]->len + words_of[j]->clen + 2;
	texts = view_alloc(L, textlen + 1, false);
	for (j = 1; j < L->nvocab; j++)
	{
		const PgsToken *t = words_of[j];

		L->vwords[j].t = *t;
		L->vwords[j].t.text = texts;
		memcpy(texts, t->text, t->len);
		texts[t->len] = '\0';
		texts += t->len + 1;
		L->vwords[j].t.canon = texts;
		memcpy(texts, t->canon, t->clen);
		texts[t->clen] = '\0';
		texts += t->clen + 1;
		L->vwords[j].chash = hash_bytes((const unsigned char *) t->canon, t->clen);
		L->vwords[j].mask2 = pgs_token_mask2(t->text, t->len);
		(void) scr_glue_word(t, 0, &L->vwords[j].glue);
	}

	/* the glue words and runs, moved to the pools */
	L->glue_words = view_alloc(L, sizeof(ScrGlueWord) * (nwords + 1), false);
	L->glue_runs = view_alloc(L, sizeof(ScrGlueRun) * (nruns + 1), false);
	nwords = nruns = 0;
	for (n = 0; n < L->nnames; n++)
	{
		ScrGlue    *g = &L->sums[n].glue;

		memcpy(&L->glue_words[nwords], words[n], sizeof(ScrGlueWord) * g->nwordv);
		g->word0 = nwords;
		nwords += g->nwordv;
		memcpy(&L->glue_runs[nruns], runs[n], sizeof(ScrGlueRun) * g->nrunv);
		g->run0 = nruns;
		nruns += g->nrunv;
	}
	MemoryContextDelete(tmp);
}

/*
 * Build the view of the lists (into shared memory from base on, size bytes,
 * when base is not NULL) in a new memory context, which holds the rest.
 */
static ScrLists *
build(Oid relid, int64 generation, bool has_as_of, DateADT as_of, char *base, Size size)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "pg_screen list view",
											  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	ScrLists   *L = palloc0(sizeof(ScrLists));
	struct timespec t0,
				t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	L->cxt = cxt;
	L->state_relid = relid;
	L->generation = generation;
	L->userid = GetUserId();
	L->has_as_of = has_as_of;
	L->as_of = as_of;
	L->shared_slot = -1;
	L->shm_next = base;
	L->shm_left = size;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* SPI_connect switched to its own context; what we keep goes to cxt */
	MemoryContextSwitchTo(cxt);
	load_weights(L);
	load_sources_aliases(L);
	load_entities(L);
	load_names(L);
	load_evidence(L);
	SPI_finish();
	MemoryContextSwitchTo(cxt);
	summarize_names(L);
	build_key_index(L);
	MemoryContextSwitchTo(old);

	clock_gettime(CLOCK_MONOTONIC, &t1);
	L->build_ms = (t1.tv_sec - t0.tv_sec) * 1000.0 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	/* what it uses: the arenas' unused memory is never touched */
	L->bytes = (base ? size - L->shm_left : 0) +
		(base == NULL || L->shm_full ?
		 MemoryContextMemAllocated(cxt, true) - L->arena_unused - L->arena_left : 0);
	ereport(DEBUG1,
			(errmsg_internal("pg_screen: view of the lists (generation " INT64_FORMAT ") built in %.1f ms, %zu bytes%s",
							 generation, L->build_ms, L->bytes,
							 base && !L->shm_full ? " in shared memory" : "")));
	return L;
}

/*
 * The matcher's per-query scratch, this backend's own (in L->cxt): the
 * stamps of the names met, and, for a view in shared memory, a copy of the
 * vocabulary, whose entries the matcher fills in per query.
 */
static void
view_scratch(ScrLists *L)
{
	MemoryContext old = MemoryContextSwitchTo(L->cxt);

	L->round = 0;
	/*
	 * (the matcher reads postings ahead to prefetch their names' entries,
	 * and a key's name postings are followed by word references, whose ids
	 * may be past the names: room for those too)
	 */
	L->seen = view_alloc(L, sizeof(ScrSeen) * (Max(L->nnames, L->nvocab) + 1), true);
	L->touched = view_alloc(L, sizeof(int) * (L->nnames + 1), false);
	L->vtouched = view_alloc(L, sizeof(uint32) * (L->nvocab + 1), false);
	L->vletters = view_alloc(L, L->nvocab, true);
	L->vltag = 0;
	if (L->attached)
	{
		ScrVocab   *v = view_alloc(L, sizeof(ScrVocab) * L->nvocab, false);

		memcpy(v, L->vocab, sizeof(ScrVocab) * L->nvocab);
		L->vocab = v;
	}
	MemoryContextSwitchTo(old);
}

/* whether p lies in [base, base + size) */
#define IN_SLOT(p) ((p) == NULL || \
					((const char *) (p) >= base && (const char *) (p) < base + size))

/*
 * Whether everything view L points to lies in the shared memory it was
 * built into (base, size bytes): what makes it usable by other processes.
 * A check, cheap beside the build, that no part of the view was left in
 * this backend's memory.
 */
static bool
view_in_slot(const ScrLists *L, const char *base, Size size)
{
	int			i,
				j;

	if (L->shm_full ||
		!IN_SLOT(L->sources) || !IN_SLOT(L->entities) || !IN_SLOT(L->names) ||
		!IN_SLOT(L->sums) || !IN_SLOT(L->glen) || !IN_SLOT(L->idrefs) ||
		!IN_SLOT(L->aliases) || !IN_SLOT(L->hslots) || !IN_SLOT(L->post) ||
		!IN_SLOT(L->vpost0) || !IN_SLOT(L->vpost) ||
		!IN_SLOT(L->toks) || !IN_SLOT(L->glue_words) || !IN_SLOT(L->glue_runs) ||
		!IN_SLOT(L->vocab) || !IN_SLOT(L->vwords))
		return false;
	for (i = 0; i < L->nsources; i++)
		if (!IN_SLOT(L->sources[i]))
			return false;
	for (i = 0; i < L->naliases; i++)
		if (!IN_SLOT(L->aliases[i].alias) || !IN_SLOT(L->aliases[i].iso2))
			return false;
	for (i = 0; i < L->nidrefs; i++)
		if (!IN_SLOT(L->idrefs[i].normalized))
			return false;
	for (i = 0; i < L->nentities; i++)
	{
		const ScrEntity *e = &L->entities[i];

		if (!IN_SLOT(e->list_id) || !IN_SLOT(e->kind) || !IN_SLOT(e->primary_name) ||
			!IN_SLOT(e->dob) || !IN_SLOT(e->country) || !IN_SLOT(e->id))
			return false;
		for (j = 0; j < e->ndob; j++)
			if (!IN_SLOT(e->dob[j].raw))
				return false;
		for (j = 0; j < e->ncountry; j++)
			if (!IN_SLOT(e->country[j]))
				return false;
		for (j = 0; j < e->nid; j++)
			if (!IN_SLOT(e->id[j].id_type) || !IN_SLOT(e->id[j].normalized) ||
				!IN_SLOT(e->id[j].value))
				return false;
	}
	for (i = 0; i < L->nnames; i++)
	{
		const ScrName *nm = &L->names[i];

		if (!IN_SLOT(nm->name) || !IN_SLOT(nm->name_type) || !IN_SLOT(nm->tok) ||
			!IN_SLOT(nm->parsed))
			return false;
		for (j = 0; j < nm->nalltok; j++)
			if (!IN_SLOT(nm->tok[j].text) || !IN_SLOT(nm->tok[j].canon))
				return false;
	}
	for (i = 1; i < L->nvocab; i++)
		if (!IN_SLOT(L->vwords[i].t.text) || !IN_SLOT(L->vwords[i].t.canon))
			return false;
	return true;
}

#undef IN_SLOT

/*
 * Privileges and row-level security can change what a role reads of the
 * lists without a change of the lists (GRANT, REVOKE, ALTER TABLE ... ROW
 * LEVEL SECURITY, CREATE POLICY, role membership).  Those changes send
 * invalidations: of the relcache entry of the table (watched: the tables a
 * view reads), of the function (screening_weights) or of role membership.
 * Each moves acl_epoch on, and a view built or attached at an older one has
 * its role asked again (scr_lists_get).
 */
/* the tables the build's queries read (keep in step with them) */
static const char *const view_tables[] = {
	"list_source", "control_country_alias", "list_version", "entity", "entity_name",
	"entity_birth_date", "entity_country", "entity_address", "entity_birth_place",
	"entity_identifier"
};
static Oid	watched[lengthof(view_tables)];
static uint64 acl_epoch = 1;
static bool acl_callbacks = false;

static void
acl_relcache_callback(Datum arg, Oid relid)
{
	int			i;

	if (!OidIsValid(relid))
	{
		acl_epoch++;
		return;
	}
	for (i = 0; i < lengthof(watched); i++)
		if (watched[i] == relid)
		{
			acl_epoch++;
			return;
		}
}

static void
acl_syscache_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	acl_epoch++;
}

static void
acl_watch(void)
{
	if (acl_callbacks)
		return;
	CacheRegisterRelcacheCallback(acl_relcache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(PROCOID, acl_syscache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, acl_syscache_callback, (Datum) 0);
	acl_callbacks = true;
}

/*
 * The role a shared view of the current lists is kept for: InvalidOid (any
 * role that may read the lists) when the view is the same whichever role
 * reads it, that is when none of the tables it reads has row-level security,
 * and the current role may read them all (SELECT on each table, EXECUTE on
 * screening_weights()); else the current role, whose view is its own.
 */
static Oid
view_role(Oid nsp)
{
	Oid			role = GetUserId();
	Oid			weights;
	int			i;

	for (i = 0; i < lengthof(view_tables); i++)
	{
		Oid			relid = get_relname_relid(view_tables[i], nsp);
		HeapTuple	tup;
		bool		rls;

		watched[i] = relid;
		if (!OidIsValid(relid))
			return role;
		tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
		if (!HeapTupleIsValid(tup))
			return role;
		rls = ((Form_pg_class) GETSTRUCT(tup))->relrowsecurity;
		ReleaseSysCache(tup);
		if (rls || pg_class_aclcheck(relid, role, ACL_SELECT) != ACLCHECK_OK)
			return role;
	}
	weights = LookupFuncName(list_make2(makeString("screen"), makeString("screening_weights")),
							 0, NULL, true);
	if (!OidIsValid(weights) || pg_proc_aclcheck(weights, role, ACL_EXECUTE) != ACLCHECK_OK)
		return role;
	return InvalidOid;
}

/* the end of a view: its slot unpinned, its memory freed */
static void
view_drop(ScrLists *L)
{
	if (L->shared_slot >= 0)
		scr_shared_release(L->shared_slot);
	MemoryContextDelete(L->cxt);
}

/* this backend's copy of the published view in shared memory *pub (pinned in slot) */
static ScrLists *
view_attach(const ScrLists *pub, int slot, uint32 epoch)
{
	MemoryContext cxt = AllocSetContextCreate(TopMemoryContext, "pg_screen list view",
											  ALLOCSET_SMALL_SIZES);
	ScrLists   *L = MemoryContextAlloc(cxt, sizeof(ScrLists));

	*L = *pub;
	L->cxt = cxt;
	L->userid = GetUserId();	/* (the role that may use it; asked again when it changes) */
	L->attached = true;
	L->shared_slot = slot;
	L->shared_epoch = epoch;
	L->shm_next = NULL;
	L->arena = NULL;			/* (the builder's) */
	L->arena_left = L->arena_unused = 0;
	view_scratch(L);
	ereport(DEBUG1,
			(errmsg_internal("pg_screen: view of the lists (generation " INT64_FORMAT ") attached from shared memory slot %d",
							 L->generation, slot)));
	return L;
}

/*
 * The current lists' view built into a slot of shared memory and
 * published, then attached; or, when it did not fit whole, this backend's
 * own.
 */
static ScrLists *
build_shared(Oid relid, int64 gen, int slot, char *base, Size size)
{
	ScrLists   *L = NULL;
	MemoryContext cxt;

	PG_TRY();
	{
		L = build(relid, gen, false, 0, base, size);
	}
	PG_CATCH();
	{
		scr_shared_abandon(slot);
		PG_RE_THROW();
	}
	PG_END_TRY();

	if (!view_in_slot(L, base, size))
	{
		/* the part of it in the slot stays its own until it is dropped */
		if (!L->shm_full)
			elog(WARNING, "pg_screen: a view of the lists built into shared memory points outside it; kept in this session only");
		else
			ereport(LOG,
					(errmsg("pg_screen: the view of the lists (%zu bytes) does not fit in a slot of shared memory (%zu bytes); kept in this session only",
							L->bytes, size),
					 errhint("Raise pg_screen.shared_view_memory to at least twice the view's size.")));
		scr_shared_publish(slot, L, false);
		L->shared_slot = slot;
		view_scratch(L);
		MemoryContextSetParent(L->cxt, TopMemoryContext);
		return L;
	}
	/* published: the header goes to the slot, the rest of cxt was temporary */
	cxt = L->cxt;
	L->cxt = NULL;
	L->shm_next = NULL;
	scr_shared_publish(slot, L, true);
	MemoryContextDelete(cxt);
	return NULL;
}

/*
 * The view of the lists as the current snapshot sees them, current or as of
 * a date, built or rebuilt when needed.  A session keeps one view of the
 * current lists and one of the lists as of a date (the last date asked for).
 * With shared views (screen_shared.c), the current lists' view is one in
 * shared memory where one fits and can be shared.
 */
ScrLists *
scr_lists_get(bool has_as_of, DateADT as_of)
{
	Oid			nsp,
				relid;
	ScrLists  **slot = has_as_of ? &lists_as_of : &lists;
	int64		gen;
	bool		own;
	Oid			role;
	uint64		epoch0;

	gen = current_generation(&nsp, &relid, &own);
	acl_watch();
	if (*slot && (*slot)->acl_epoch != acl_epoch && (*slot)->userid == GetUserId())
	{
		/*
		 * Privileges or row-level security may have changed: a view that is
		 * any reader's stays if it still is; one read as this role's own is
		 * read again.
		 */
		if ((*slot)->key_role == InvalidOid && view_role(nsp) == InvalidOid)
			(*slot)->acl_epoch = acl_epoch;
	}
	if (*slot && (*slot)->state_relid == relid && (*slot)->generation == gen &&
		(*slot)->userid == GetUserId() && (*slot)->acl_epoch == acl_epoch &&
		(!has_as_of || (*slot)->as_of == as_of) &&
		(!(*slot)->attached || scr_shared_repin((*slot)->shared_slot, (*slot)->shared_epoch)))
		return *slot;

	if (*slot)
	{
		view_drop(*slot);
		*slot = NULL;
	}
	epoch0 = acl_epoch;
	role = view_role(nsp);

	/*
	 * Shared: the current lists, as committed (a view read in a transaction
	 * that changed them must not outlive it in shared memory).
	 */
	if (!has_as_of && !own && scr_shared_available())
	{
		const ScrLists *pub;
		int			s;
		uint32		epoch;
		char	   *base;
		Size		size;

		pub = scr_shared_attach(role, relid, gen, &s, &epoch);
		if (pub == NULL)
		{
			s = scr_shared_reserve(role, relid, gen, &base, &size);
			if (s >= 0)
				*slot = build_shared(relid, gen, s, base, size);
			/* published now, by this backend or (no slot was given) another */
			if (*slot == NULL)
				pub = scr_shared_attach(role, relid, gen, &s, &epoch);
		}
		if (pub != NULL)
			*slot = view_attach(pub, s, epoch);
		if (*slot != NULL)
		{
			(*slot)->key_role = role;
			(*slot)->acl_epoch = epoch0;
			return *slot;
		}
	}

	*slot = build(relid, gen, has_as_of, as_of, NULL, 0);
	(*slot)->key_role = role;
	(*slot)->acl_epoch = epoch0;
	view_scratch(*slot);
	/* keep it past this query (an error during build frees it with the query) */
	MemoryContextSetParent((*slot)->cxt, TopMemoryContext);
	return *slot;
}

int
scr_source_index(ScrLists *L, const char *code)
{
	const char **p = bsearch(&code, L->sources, L->nsources, sizeof(char *), cmp_str);

	return p ? (int) (p - L->sources) : -1;
}

/* ISO alpha-2 of a country code or name, as screen.country_iso2(); NULL if unknown */
const char *
scr_country_iso2(ScrLists *L, const char *country)
{
	const char *s = country;
	int			len = strlen(s);
	char	   *low;
	ScrAlias	key;
	ScrAlias   *hit;

	while (len > 0 && *s == ' ')
		s++, len--;
	while (len > 0 && s[len - 1] == ' ')
		len--;
	low = str_tolower(s, len, DEFAULT_COLLATION_OID);
	key.alias = low;
	hit = bsearch(&key, L->aliases, L->naliases, sizeof(ScrAlias), cmp_alias);
	pfree(low);
	return hit ? hit->iso2 : NULL;
}

PG_FUNCTION_INFO_V1(pgs_screening_cache_info);
/*
 * screen.screening_cache_info(): the backend's view of the lists, built if
 * needed (for monitoring and for the benchmarks).
 */
Datum
pgs_screening_cache_info(PG_FUNCTION_ARGS)
{
	ScrLists   *L = scr_lists_get(false, 0);
	TupleDesc	td;
	Datum		v[8];
	bool		nulls[8] = {0};

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	v[0] = Int64GetDatum(L->generation);
	v[1] = Int32GetDatum(L->nentities);
	v[2] = Int32GetDatum(L->nnames);
	v[3] = Int64GetDatum(L->npost);
	v[4] = Int32GetDatum(L->hmask + 1);
	v[5] = Int64GetDatum((int64) L->bytes);
	v[6] = Float8GetDatum(L->build_ms);
	v[7] = BoolGetDatum(L->attached);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(td), v, nulls)));
}

/*
 * screen_shared.c — views of the lists in shared memory, built once and
 * used by every backend and parallel worker of the same database.
 *
 * Each backend's view of the lists (screen_lists.c) takes a fraction of a
 * second to build and some 40 MB on the real lists: paid again by every
 * pooled connection, every parallel worker of a batch, and held by every
 * backend.  With pg_screen in shared_preload_libraries, the postmaster sets
 * aside pg_screen.shared_view_memory of shared memory, cut into SCR_SLOTS
 * slots.  A view built into a slot lives there whole (every pointer in it
 * points into the slot: the main shared memory segment is at the same
 * address in every process), is never written once published, and is used
 * by any backend of the same database whose snapshot sees the same list
 * generation and whose role may read the lists (screen_lists.c's
 * view_role(): a view read by one role is another's only when no table of
 * the lists has row-level security and that role may read them all); each
 * backend keeps only the matcher's per-query scratch (screen_lists.c's
 * attach).
 *
 * A backend pins the slot it uses for the rest of its transaction (an
 * atomic counter; the slot table's lock is held only to find or change a
 * slot).  A new view goes into a free slot, or one no transaction uses;
 * when there is none, or the view does not fit, the backend builds its own
 * view as without preloading.  A slot being built belongs to its builder
 * until it publishes it; an error or exit during the build frees it.
 */
#include "pg_screen.h"

#include "access/xact.h"
#include "commands/dbcommands.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "port/atomics.h"
#include "storage/condition_variable.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/timestamp.h"

#include "screen_lists.h"

#define SCR_SLOTS 2
#define SCR_SLOT_ALIGN ((Size) 2 * 1024 * 1024)

/*
 * How long to wait for another backend's build of the view before building
 * one's own: a build takes a fraction of a second, but the builder may be
 * waiting for a lock this backend's transaction holds (a table of the lists
 * locked explicitly), which no deadlock detector sees through the wait.
 */
#define SCR_WAIT_MS 10000

typedef enum ScrSlotState
{
	SLOT_FREE,
	SLOT_BUILDING,				/* its owner is building a view into it */
	SLOT_READY,					/* a published view: any backend of its key may use it */
	SLOT_PRIVATE				/* its owner's view, which did not fit or cannot be shared */
} ScrSlotState;

typedef struct ScrSlot
{
	ScrSlotState state;
	uint32		epoch;			/* changes whenever the slot is taken for a new view */
	Oid			dbid;			/* the key: database, role, list_state table, generation */
	Oid			userid;
	Oid			relid;
	int64		generation;
	int			owner;			/* pid of the builder (BUILDING, PRIVATE) */
	pg_atomic_uint32 pins;		/* transactions using it */
	pg_atomic_uint64 used_at;	/* when last attached (ScrShared.clock) */
	char	   *base;
	Size		size;
	ScrLists	lists;			/* the published view's header */
} ScrSlot;

typedef struct ScrShared
{
	LWLock	   *lock;
	ConditionVariable built;	/* a build ended (published or not) */
	pg_atomic_uint64 clock;
	ScrSlot		slot[SCR_SLOTS];
	ScrSlot		too_big;		/* the key of the last view that did not fit in a slot */
} ScrShared;

/* pg_screen.shared_view_memory, in MB (0: no shared views) */
static int	shared_view_memory = 128;

static ScrShared *shared = NULL;
static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;

/* this backend's hold on the slots */
static bool held[SCR_SLOTS];	/* pinned until the end of the transaction */
static int	building = -1;		/* the slot it is building into */
static int	private_slot = -1;	/* the slot its own (private) view is in */
static bool callbacks_set = false;

static Size
shared_size(void)
{
	return (Size) shared_view_memory * 1024 * 1024;
}

static void
shared_request(void)
{
	if (prev_shmem_request_hook)
		prev_shmem_request_hook();
	if (shared_view_memory <= 0)
		return;
	RequestAddinShmemSpace(add_size(add_size(sizeof(ScrShared), SCR_SLOT_ALIGN), shared_size()));
	RequestNamedLWLockTranche("pg_screen", 1);
}

static void
shared_startup(void)
{
	bool		found;
	ScrShared  *sh;

	if (prev_shmem_startup_hook)
		prev_shmem_startup_hook();
	if (shared_view_memory <= 0)
		return;
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	sh = ShmemInitStruct("pg_screen shared views",
						 sizeof(ScrShared) + SCR_SLOT_ALIGN + shared_size(), &found);
	if (!found)
	{
		char	   *mem = (char *) TYPEALIGN(SCR_SLOT_ALIGN, (char *) sh + sizeof(ScrShared));
		Size		each = TYPEALIGN_DOWN(SCR_SLOT_ALIGN, shared_size() / SCR_SLOTS);
		int			i;

		memset(sh, 0, sizeof(ScrShared));
		sh->lock = &(GetNamedLWLockTranche("pg_screen"))->lock;
		ConditionVariableInit(&sh->built);
		pg_atomic_init_u64(&sh->clock, 0);
		for (i = 0; i < SCR_SLOTS; i++)
		{
			sh->slot[i].state = SLOT_FREE;
			pg_atomic_init_u32(&sh->slot[i].pins, 0);
			pg_atomic_init_u64(&sh->slot[i].used_at, 0);
			sh->slot[i].base = mem + i * each;
			sh->slot[i].size = each;
		}
	}
	shared = sh;
	LWLockRelease(AddinShmemInitLock);
}

void
pg_screen_lists_init(void)
{
	/* a parameter fixed at server start: only where the library is preloaded */
	if (!process_shared_preload_libraries_in_progress)
		return;
	DefineCustomIntVariable("pg_screen.shared_view_memory",
							"Shared memory for views of the lists that all backends use (needs pg_screen in shared_preload_libraries).",
							"Cut into two slots, each of which must hold a whole view (screen.screening_cache_info().bytes); 0 turns shared views off.",
							&shared_view_memory,
							128, 0, INT_MAX / 2,
							PGC_POSTMASTER,
							GUC_UNIT_MB,
							NULL, NULL, NULL);
	prev_shmem_request_hook = shmem_request_hook;
	shmem_request_hook = shared_request;
	prev_shmem_startup_hook = shmem_startup_hook;
	shmem_startup_hook = shared_startup;
}

bool
scr_shared_available(void)
{
	return shared != NULL && shared_view_memory > 0 && !IsBootstrapProcessingMode();
}

/*
 * Release the pins of this backend's transaction (shared_exit also frees
 * the slot it builds into or owns).
 */
static void
release_pins(void)
{
	int			i;

	for (i = 0; i < SCR_SLOTS; i++)
		if (held[i])
		{
			pg_atomic_fetch_sub_u32(&shared->slot[i].pins, 1);
			held[i] = false;
		}
}

static void
shared_xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			release_pins();
			break;
		default:
			break;
	}
}

static void
shared_exit(int code, Datum arg)
{
	release_pins();
	if (building >= 0 || private_slot >= 0)
	{
		LWLockAcquire(shared->lock, LW_EXCLUSIVE);
		if (building >= 0)
			shared->slot[building].state = SLOT_FREE;
		if (private_slot >= 0)
			shared->slot[private_slot].state = SLOT_FREE;
		building = private_slot = -1;
		LWLockRelease(shared->lock);
		ConditionVariableBroadcast(&shared->built);
	}
}

static void
set_callbacks(void)
{
	if (callbacks_set)
		return;
	RegisterXactCallback(shared_xact_callback, NULL);
	before_shmem_exit(shared_exit, 0);
	callbacks_set = true;
}

/* role: the role the view is kept for, InvalidOid for any that may read it */
static bool
slot_has_key(const ScrSlot *s, Oid role, Oid relid, int64 generation)
{
	return s->dbid == MyDatabaseId && s->userid == role &&
		s->relid == relid && s->generation == generation;
}

/* pin slot i for the rest of the transaction (the lock is held) */
static void
pin(int i)
{
	if (!held[i])
	{
		pg_atomic_fetch_add_u32(&shared->slot[i].pins, 1);
		held[i] = true;
	}
	pg_atomic_write_u64(&shared->slot[i].used_at, pg_atomic_add_fetch_u64(&shared->clock, 1));
}

/*
 * The published view of the lists of list_state table relid at generation,
 * for this database and role (InvalidOid: any role that may read it), pinned; *slot and *epoch say where it is.
 * While another backend builds it, wait for the build to end (a parallel
 * batch's workers start together), SCR_WAIT_MS at most.  NULL if there is
 * none.
 */
const ScrLists *
scr_shared_attach(Oid role, Oid relid, int64 generation, int *slot, uint32 *epoch)
{
	const ScrLists *found = NULL;
	bool		wait;
	int			i;
	TimestampTz until = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), SCR_WAIT_MS);

	set_callbacks();
	for (;;)
	{
		wait = false;
		LWLockAcquire(shared->lock, LW_SHARED);
		for (i = 0; i < SCR_SLOTS; i++)
		{
			ScrSlot    *s = &shared->slot[i];

			if (!slot_has_key(s, role, relid, generation))
				continue;
			if (s->state == SLOT_READY)
			{
				pin(i);
				*slot = i;
				*epoch = s->epoch;
				found = &s->lists;
				break;
			}
			if (s->state == SLOT_BUILDING && i != building)
				wait = true;
		}
		LWLockRelease(shared->lock);
		if (found || !wait || GetCurrentTimestamp() >= until)
			break;
		(void) ConditionVariableTimedSleep(&shared->built, 100, PG_WAIT_EXTENSION);
	}
	ConditionVariableCancelSleep();
	return found;
}

/* pin again, in a new transaction, the slot a view was attached from; false if it changed */
bool
scr_shared_repin(int slot, uint32 epoch)
{
	bool		ok;

	if (held[slot])
		return true;
	LWLockAcquire(shared->lock, LW_SHARED);
	ok = shared->slot[slot].state == SLOT_READY && shared->slot[slot].epoch == epoch;
	if (ok)
		pin(slot);
	LWLockRelease(shared->lock);
	return ok;
}

/* the end of a view attached from slot (or built privately in it) */
void
scr_shared_release(int slot)
{
	if (held[slot])
	{
		pg_atomic_fetch_sub_u32(&shared->slot[slot].pins, 1);
		held[slot] = false;
	}
	if (slot == private_slot)
	{
		LWLockAcquire(shared->lock, LW_EXCLUSIVE);
		shared->slot[slot].state = SLOT_FREE;
		private_slot = -1;
		LWLockRelease(shared->lock);
	}
}

/*
 * A slot to build the view of relid at generation into: a free one, else
 * the least recently used of those no transaction uses.  -1 if there is
 * none, or another backend is building or has published that view.
 */
int
scr_shared_reserve(Oid role, Oid relid, int64 generation, char **base, Size *size)
{
	int			i,
				victim = -1;
	uint64		oldest = PG_UINT64_MAX;

	set_callbacks();
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	/* a view that did not fit before does not fit now: no slot wasted on it */
	if (slot_has_key(&shared->too_big, role, relid, generation))
	{
		LWLockRelease(shared->lock);
		return -1;
	}
	for (i = 0; i < SCR_SLOTS; i++)
	{
		ScrSlot    *s = &shared->slot[i];

		if ((s->state == SLOT_BUILDING || s->state == SLOT_READY) &&
			slot_has_key(s, role, relid, generation))
		{
			victim = -1;
			break;
		}
		if (s->state == SLOT_FREE)
		{
			if (oldest > 0)
				victim = i;
			oldest = 0;
		}
		else if (s->state == SLOT_READY && pg_atomic_read_u32(&s->pins) == 0 &&
				 pg_atomic_read_u64(&s->used_at) < oldest)
		{
			victim = i;
			oldest = pg_atomic_read_u64(&s->used_at);
		}
	}
	if (victim >= 0)
	{
		ScrSlot    *s = &shared->slot[victim];

		s->state = SLOT_BUILDING;
		s->epoch++;
		s->dbid = MyDatabaseId;
		s->userid = role;
		s->relid = relid;
		s->generation = generation;
		s->owner = MyProcPid;
		building = victim;
		*base = s->base;
		*size = s->size;
	}
	LWLockRelease(shared->lock);
	return victim;
}

/*
 * The build into slot is done: publish L's header (ready for all), or keep
 * the slot as this backend's own (not shareable: it did not fit whole; the
 * other backends that need that view build their own at once).
 */
void
scr_shared_publish(int slot, const ScrLists *L, bool shareable)
{
	ScrSlot    *s = &shared->slot[slot];

	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	Assert(s->state == SLOT_BUILDING && s->owner == MyProcPid);
	if (shareable)
	{
		s->lists = *L;
		s->state = SLOT_READY;
	}
	else
	{
		s->state = SLOT_PRIVATE;
		private_slot = slot;
		shared->too_big.dbid = s->dbid;
		shared->too_big.userid = s->userid;
		shared->too_big.relid = s->relid;
		shared->too_big.generation = s->generation;
	}
	building = -1;
	LWLockRelease(shared->lock);
	ConditionVariableBroadcast(&shared->built);
}

/* the build into slot failed: free it */
void
scr_shared_abandon(int slot)
{
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	if (building == slot)
	{
		shared->slot[slot].state = SLOT_FREE;
		building = -1;
	}
	LWLockRelease(shared->lock);
	ConditionVariableBroadcast(&shared->built);
}

PG_FUNCTION_INFO_V1(pgs_shared_views);
/*
 * screen.shared_views(): the slots of shared memory and the views in them,
 * for monitoring (no rows without preloading).
 */
Datum
pgs_shared_views(PG_FUNCTION_ARGS)
{
	static const char *const states[] = {"free", "building", "ready", "private"};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ScrSlot		copy[SCR_SLOTS];
	uint32		pins[SCR_SLOTS];
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	if (shared == NULL)
		PG_RETURN_VOID();
	LWLockAcquire(shared->lock, LW_SHARED);
	for (i = 0; i < SCR_SLOTS; i++)
	{
		copy[i] = shared->slot[i];
		pins[i] = pg_atomic_read_u32(&shared->slot[i].pins);
	}
	LWLockRelease(shared->lock);

	for (i = 0; i < SCR_SLOTS; i++)
	{
		const ScrSlot *s = &copy[i];
		Datum		v[9];
		bool		nulls[9] = {0};
		char	   *db = s->state != SLOT_FREE ? get_database_name(s->dbid) : NULL;

		v[0] = Int32GetDatum(i);
		v[1] = CStringGetTextDatum(states[s->state]);
		v[2] = Int64GetDatum((int64) s->size);
		nulls[3] = db == NULL;
		if (db)
			v[3] = CStringGetTextDatum(db);
		/* a view any role that may read the lists uses has no role */
		nulls[4] = s->state == SLOT_FREE || !OidIsValid(s->userid);
		if (!nulls[4])
		{
			char	   *rn = GetUserNameFromId(s->userid, true);

			v[4] = CStringGetTextDatum(rn ? rn : "?");
		}
		nulls[5] = s->state == SLOT_FREE;
		v[5] = Int64GetDatum(s->generation);
		v[6] = Int32GetDatum((int32) pins[i]);
		nulls[7] = nulls[8] = s->state != SLOT_READY;
		v[7] = Int64GetDatum((int64) s->lists.bytes);
		v[8] = Float8GetDatum(s->lists.build_ms);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nulls);
	}
	PG_RETURN_VOID();
}

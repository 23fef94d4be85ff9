import { guitarInputTypeValues, type Schemas, unwrap } from '@amply/client';
import { useState } from 'preact/hooks';
import { amply } from '../api.js';
import { Link, navigate } from '../router.js';
import { Field, Form, Notice, Page, Problem, Select, useAction, useLoad, when } from '../ui.js';

type GuitarType = Schemas['GuitarInput']['type'];

interface Filters {
  brand: string;
  type: string;
  yearFrom: string;
  yearTo: string;
}

function Stats() {
  const stats = useLoad(async () => unwrap(await amply.api.GET('/guitars/stats')));
  const brands = useLoad(async () => unwrap(await amply.api.GET('/guitars/brands')).items);
  return (
    <section class="panel" aria-labelledby="stats-heading">
      <h2 id="stats-heading">Your collection</h2>
      <Problem error={stats.error ?? brands.error} />
      {stats.data ? (
        <p>
          {stats.data.count} {stats.data.count === 1 ? 'guitar' : 'guitars'}
          {stats.data.byCurrency.map((row) => (
            <span key={row.currency}>
              {' '}
              · paid {row.totalPurchasePrice} {row.currency}, worth {row.totalCurrentValue} {row.currency}
            </span>
          ))}
        </p>
      ) : null}
      {brands.data && brands.data.length > 0 ? (
        <ul class="chips" aria-label="Brands">
          {brands.data.map((entry) => (
            <li key={entry.brand}>
              {entry.brand} <span class="count">{entry.count}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function AddGuitar() {
  const [brand, setBrand] = useState('');
  const [model, setModel] = useState('');
  const [year, setYear] = useState('');
  const [type, setType] = useState<GuitarType>('electric');
  const add = useAction(async () => {
    const guitar = unwrap(
      await amply.api.POST('/guitars', { body: { brand, model, year: Number(year), type } }),
    );
    navigate(`/guitars/${guitar.id}`);
  });
  return (
    <section class="panel" aria-labelledby="add-heading">
      <h2 id="add-heading">Add a guitar</h2>
      <Form onSubmit={add.run} label="Add a guitar" class="form grid">
        <Field label="Brand" value={brand} onValue={setBrand} required />
        <Field label="Model" value={model} onValue={setModel} required />
        <Field label="Year" type="number" min={1900} max={2100} value={year} onValue={setYear} required />
        <Select
          label="Type"
          value={type}
          onValue={(value) => setType(value as GuitarType)}
          options={guitarInputTypeValues.map((t) => [t, t])}
        />
        <Problem error={add.error} />
        <button type="submit" disabled={add.busy}>
          Add guitar
        </button>
      </Form>
    </section>
  );
}

/** The collection as a gallery of primary photos, with filters, brands and totals. */
export function GuitarsPage() {
  const [form, setForm] = useState<Filters>({ brand: '', type: '', yearFrom: '', yearTo: '' });
  const [filters, setFilters] = useState<Filters>(form);
  const [more, setMore] = useState<Schemas['GuitarSummary'][]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const brands = useLoad(async () => unwrap(await amply.api.GET('/guitars/brands')).items);
  const query = {
    limit: 12,
    ...(filters.brand ? { brand: filters.brand } : {}),
    ...(filters.type ? { type: filters.type as GuitarType } : {}),
    ...(filters.yearFrom ? { yearFrom: Number(filters.yearFrom) } : {}),
    ...(filters.yearTo ? { yearTo: Number(filters.yearTo) } : {}),
  };
  const page = useLoad(async () => {
    const result = unwrap(await amply.api.GET('/guitars', { params: { query } }));
    setMore([]);
    setCursor(result.nextCursor);
    return result.items;
  }, [filters]);
  // The cursor is sealed to the filter it was made with: the next page asks with the same one.
  const loadMore = useAction(async () => {
    if (!cursor) return;
    const result = unwrap(await amply.api.GET('/guitars', { params: { query: { ...query, cursor } } }));
    setMore((items) => [...items, ...result.items]);
    setCursor(result.nextCursor);
  });
  const guitars = [...(page.data ?? []), ...more];
  const set = (name: keyof Filters) => (value: string) =>
    setForm((previous) => ({ ...previous, [name]: value }));
  return (
    <Page title="Guitars">
      <Stats />
      <Form onSubmit={() => setFilters(form)} label="Filter guitars" class="form filters">
        <Select
          label="Brand"
          value={form.brand}
          onValue={set('brand')}
          options={[
            ['', 'Any brand'],
            ...(brands.data ?? []).map((entry): [string, string] => [entry.brand, entry.brand]),
          ]}
        />
        <Select
          label="Type"
          value={form.type}
          onValue={set('type')}
          options={[['', 'Any type'], ...guitarInputTypeValues.map((t): [string, string] => [t, t])]}
        />
        <Field
          label="From year"
          type="number"
          min={1900}
          max={2100}
          value={form.yearFrom}
          onValue={set('yearFrom')}
        />
        <Field
          label="To year"
          type="number"
          min={1900}
          max={2100}
          value={form.yearTo}
          onValue={set('yearTo')}
        />
        <button type="submit">Filter</button>
      </Form>
      <Problem error={page.error ?? loadMore.error} />
      {page.data && guitars.length === 0 ? <p role="status">No guitars match.</p> : null}
      <ul class="gallery" aria-label="Guitars">
        {guitars.map((guitar) => {
          const image = guitar.images.find((candidate) => candidate.isPrimary) ?? guitar.images[0];
          return (
            <li key={guitar.id}>
              <Link href={`/guitars/${guitar.id}`}>
                {image ? (
                  <img src={image.thumbnailUrl} alt="" width={200} height={200} loading="lazy" />
                ) : (
                  <span class="placeholder" aria-hidden="true">
                    No photo
                  </span>
                )}
                <span class="caption">
                  {guitar.brand} {guitar.model}, {guitar.year}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {cursor ? (
        <button type="button" class="secondary" onClick={() => loadMore.run()} disabled={loadMore.busy}>
          Load more
        </button>
      ) : null}
      <AddGuitar />
    </Page>
  );
}

function Upload({ guitarId, onDone }: { guitarId: string; onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [primary, setPrimary] = useState(false);
  const [done, setDone] = useState(false);
  const upload = useAction(async () => {
    if (!file) return;
    await amply.uploads.guitarImage({ guitarId, file, caption, isPrimary: primary });
    setDone(true);
    onDone();
  });
  return (
    <Form onSubmit={upload.run} label="Add a photo">
      <h2>Add a photo</h2>
      <div class="field">
        <label for="photo">Photo (JPEG, PNG, WebP or HEIC, up to 10 MB)</label>
        <input
          id="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/heic"
          onChange={(event) => {
            setDone(false);
            setFile((event.target as HTMLInputElement).files?.[0] ?? null);
          }}
          required
        />
      </div>
      <Field label="Caption" value={caption} onValue={setCaption} />
      <div class="field checkbox">
        <input
          id="primary"
          type="checkbox"
          checked={primary}
          onChange={(event) => setPrimary((event.target as HTMLInputElement).checked)}
        />
        <label for="primary">Use as the main photo</label>
      </div>
      <Problem error={upload.error} />
      {done ? <Notice>Photo added.</Notice> : null}
      <button type="submit" disabled={upload.busy || !file}>
        {upload.busy ? 'Uploading…' : 'Upload photo'}
      </button>
    </Form>
  );
}

function Notes({ guitar, onChanged }: { guitar: Schemas['Guitar']; onChanged: () => void }) {
  const [content, setContent] = useState('');
  const add = useAction(async () => {
    unwrap(
      await amply.api.POST('/guitars/{id}/notes', { params: { path: { id: guitar.id } }, body: { content } }),
    );
    setContent('');
    onChanged();
  });
  const remove = useAction(async (noteId: string) => {
    unwrap(
      await amply.api.DELETE('/guitars/{id}/notes/{noteId}', { params: { path: { id: guitar.id, noteId } } }),
    );
    onChanged();
  });
  return (
    <section class="panel" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Notes</h2>
      <ul class="list">
        {guitar.notes.map((note) => (
          <li key={note.id}>
            <p>{note.content}</p>
            <span class="muted">{when(note.createdAt)}</span>{' '}
            <button type="button" class="small secondary" onClick={() => remove.run(note.id)}>
              Delete note
            </button>
          </li>
        ))}
      </ul>
      <Form onSubmit={add.run} label="Add a note">
        <div class="field">
          <label for="note">New note</label>
          <textarea
            id="note"
            value={content}
            onInput={(event) => setContent((event.target as HTMLTextAreaElement).value)}
            required
          />
        </div>
        <Problem error={add.error ?? remove.error} />
        <button type="submit" disabled={add.busy}>
          Add note
        </button>
      </Form>
    </section>
  );
}

/** One guitar: its photos (thumbnails open the full image), specs, notes; upload a photo; delete it. */
export function GuitarPage({ id }: { id: string }) {
  const guitar = useLoad(
    async () => unwrap(await amply.api.GET('/guitars/{id}', { params: { path: { id } } })),
    [id],
  );
  const [confirming, setConfirming] = useState(false);
  const remove = useAction(async () => {
    unwrap(await amply.api.DELETE('/guitars/{id}', { params: { path: { id } } }));
    navigate('/guitars');
  });
  const data = guitar.data;
  return (
    <Page title={data ? `${data.brand} ${data.model}` : 'Guitar'}>
      <p>
        <Link href="/guitars">All guitars</Link>
      </p>
      <Problem error={guitar.error} />
      {data ? (
        <>
          <ul class="gallery" aria-label="Photos">
            {data.images.map((image) => (
              <li key={image.id}>
                <a href={image.url}>
                  <img
                    src={image.thumbnailUrl}
                    alt={image.caption ?? `Photo of the ${data.brand} ${data.model}`}
                    width={200}
                    height={200}
                  />
                  <span class="caption">
                    {image.caption ?? 'Photo'}
                    {image.isPrimary ? ' (main)' : ''}
                  </span>
                </a>
              </li>
            ))}
          </ul>
          <dl class="facts">
            <dt>Year</dt>
            <dd>{data.year}</dd>
            <dt>Type</dt>
            <dd>{data.type}</dd>
            {data.color ? (
              <>
                <dt>Colour</dt>
                <dd>{data.color}</dd>
              </>
            ) : null}
            {data.privateInfo.purchasePrice ? (
              <>
                <dt>Paid</dt>
                <dd>
                  {data.privateInfo.purchasePrice} {data.privateInfo.currency}
                </dd>
              </>
            ) : null}
          </dl>
          <section class="panel">
            <Upload guitarId={id} onDone={guitar.reload} />
          </section>
          <Notes guitar={data} onChanged={guitar.reload} />
          <section class="panel" aria-labelledby="delete-heading">
            <h2 id="delete-heading">Delete</h2>
            {confirming ? (
              <div class="actions">
                <button type="button" class="danger" onClick={() => remove.run()} disabled={remove.busy}>
                  Yes, delete this guitar and its photos
                </button>
                <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                  Keep it
                </button>
              </div>
            ) : (
              <button type="button" class="secondary" onClick={() => setConfirming(true)}>
                Delete guitar
              </button>
            )}
            <Problem error={remove.error} />
          </section>
        </>
      ) : null}
    </Page>
  );
}

import { CaseReadingService } from '../../src/cases/case-reading.service';
import { benignPartnership } from '../support/case-world';
import { bearer, TestApp } from '../support/test-app';

/**
 * A request the application is answering when it is asked to stop is answered in full: the
 * database connections close only after the HTTP server has stopped. (The read connection used to
 * close first, and such a request failed with a 500.)
 */
describe('Stopping the application', () => {
  it('answers the request it is serving when asked to stop', async () => {
    const t = await TestApp.start();
    const office = await t.createUser(['international_office']);
    const researcher = await t.createUser(['researcher']);
    const created = await t.http().post('/api/cases').set(bearer(researcher.token)).send(benignPartnership());
    expect(created.status).toBe(201);
    expect((await t.http().post(`/api/cases/${created.body.id}/submit`).set(bearer(researcher.token))).status).toBe(
      200,
    );
    const reading = t.app.get(CaseReadingService);
    const list = reading.list.bind(reading);
    let closing: Promise<void> | undefined;
    // The moment the request starts reading the list, the application is told to stop.
    jest.spyOn(reading, 'list').mockImplementation((...args) => {
      closing ??= t.close();
      return list(...args);
    });

    const answer = await t.http().get('/api/cases?page=1&pageSize=20').set(bearer(office.token));
    await closing;

    expect(closing).toBeDefined();
    expect(answer.status).toBe(200);
    // Read in full: a page with a case takes further queries (its stages), made after the stop began.
    expect(answer.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    expect(answer.body.items[0].stages).toEqual([]);
  });
});

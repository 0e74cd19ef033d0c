import assert from 'node:assert/strict';
import { groupActions, iconSource, readDiscoverItems, readLaunchReply, type ActionItem } from '../../src/standin/web/client/actions.js';
import { parseJobData } from '../../src/standin/web/client/jobs.js';
import { splitFileName } from '../../src/standin/web/client/upload.js';
import { selectionType } from '../../src/standin/web/client/tree.js';
import { normalizeEntityType } from '../../src/action/index.js';

/** The page's DOM-free logic, run in Node. */
describe('web page - client logic', () => {
  it('web page - groups discover items by label, keeps variants in reply order, drops invalid items', () => {
    const items = [
      ...readDiscoverItems({ items: [{ label: 'Publish', variant: 'farm', actionIdentifier: 'p.farm', icon: 'x.png' }, { label: 'Alpha', actionIdentifier: 'a' }] }),
      ...readDiscoverItems({ items: [{ label: 'Publish', variant: 'local', actionIdentifier: 'p.local', description: 'Here' }, { label: 'No id' }, 'junk', null] }),
      ...readDiscoverItems(['not', 'an', 'object']),
      ...readDiscoverItems(null),
    ];
    const groups = groupActions(items);
    assert.deepEqual(groups.map((g) => g.label), ['Alpha', 'Publish']);
    assert.deepEqual(groups[1]!.items.map((i: ActionItem) => i.variant), ['farm', 'local']);
    assert.equal(groups[1]!.icon, 'x.png');
    assert.equal(groups[1]!.description, 'Here');
  });

  it('web page - loads action icons only from the page origin, data: or blob:; others fall back to the letter', () => {
    const origin = 'http://127.0.0.1:8123';
    assert.equal(iconSource('https://studio.example/icons/farm.png', origin), undefined, 'protocol 7.1 example: another origin');
    assert.equal(iconSource('http://127.0.0.1:9999/x.png', origin), undefined, 'another port is another origin');
    assert.equal(iconSource('//cdn.example/x.png', origin), undefined, 'protocol-relative URL to elsewhere');
    assert.equal(iconSource('publish', origin), undefined, 'ftrack predefined icon name');
    assert.equal(iconSource('javascript:alert(1)', origin), undefined);
    assert.equal(iconSource('', origin), undefined);
    assert.equal(iconSource(undefined, origin), undefined);
    assert.equal(iconSource('/img/thumbnail2.png', origin), `${origin}/img/thumbnail2.png`);
    assert.equal(iconSource(`${origin}/component/get?id=1`, origin), `${origin}/component/get?id=1`);
    assert.equal(iconSource('data:image/gif;base64,R0lGODlhAQABAAAAACw=', origin), 'data:image/gif;base64,R0lGODlhAQABAAAAACw=');
  });

  it('web page - reads launch replies: message, failure, form (object or bare list), widget', () => {
    assert.deepEqual(readLaunchReply({ success: true, message: 'Queued' }), { kind: 'message', success: true, message: 'Queued' });
    assert.deepEqual(readLaunchReply({ success: false }), { kind: 'message', success: false, message: 'The action failed.' });
    const form = readLaunchReply({ items: [{ type: 'text', name: 'a' }, { nope: 1 }], title: 'T', submit_button_label: 'Go' });
    assert.deepEqual(form, { kind: 'form', items: [{ type: 'text', name: 'a' }], title: 'T', submitLabel: 'Go' });
    assert.deepEqual(readLaunchReply([{ type: 'label', value: 'hi' }]), { kind: 'form', items: [{ type: 'label', value: 'hi' }] });
    assert.deepEqual(readLaunchReply({ type: 'widget', url: 'http://x/r', message: 'ok', title: 'Report' }), { kind: 'widget', url: 'http://x/r', message: 'ok', title: 'Report' });
    assert.equal(readLaunchReply(undefined).kind, 'message');
  });

  it('web page - parses job data given as a JSON string, an object, or junk', () => {
    assert.deepEqual(parseJobData('{"output":[{"component_id":"c1","format":"video/mp4"}]}'), { output: [{ component_id: 'c1', format: 'video/mp4' }] });
    assert.deepEqual(parseJobData({ message: 'x' }), { message: 'x' });
    assert.deepEqual(parseJobData('not json'), { description: 'not json' });
    assert.deepEqual(parseJobData(''), {});
    assert.deepEqual(parseJobData('42'), {});
  });

  it('web page - names uploads like the ftrack JS client (basename + dotted extension)', () => {
    assert.deepEqual(splitFileName('colour_wheel.mov'), { name: 'colour_wheel', fileType: '.mov' });
    assert.deepEqual(splitFileName('shot.v2.final.exr'), { name: 'shot.v2.final', fileType: '.exr' });
    assert.deepEqual(splitFileName('README'), { name: 'README', fileType: '' });
    assert.deepEqual(splitFileName('.hidden'), { name: '.hidden', fileType: '' });
  });

  it('web page - selection entityTypes are the lower-case ftrack names the action helpers understand', () => {
    const cases: [string, string | undefined][] = [
      ['Project', 'show'],
      ['Sequence', 'task'],
      ['Shot', 'task'],
      ['Task', 'task'],
      ['AssetVersion', 'assetversion'],
      ['FileComponent', 'component'],
      ['SequenceComponent', 'component'],
      ['Asset', undefined],
    ];
    for (const [type, expected] of cases) {
      const selected = selectionType(type);
      assert.equal(selected, expected, type);
      if (selected) assert.equal(normalizeEntityType(selected), selected, 'already normalized');
    }
  });
});

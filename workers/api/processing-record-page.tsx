// The record of processing activities as a printable page, in the one layout (English: the
// record is kept for the controller and the supervisory authority). Generated on each request
// from the same data as the JSON answer.

import type { FC } from 'hono/jsx';
import type { ProcessingRecord } from '../../shared/reports/processing-record';

const Contact: FC<{ label: string; contact: { name: string; email?: string; address?: string } | null }> = ({
  label,
  contact,
}) => (
  <>
    <dt>{label}</dt>
    <dd>
      {contact ? (
        <>
          {contact.name}
          {contact.email ? <> · {contact.email}</> : null}
          {contact.address ? <address>{contact.address}</address> : null}
        </>
      ) : (
        'not named'
      )}
    </dd>
  </>
);

export const ProcessingRecordPage: FC<{ record: ProcessingRecord }> = ({ record }) => (
  <>
    <p>Generated {record.generatedAt} from the live configuration.</p>
    <h2>Responsible</h2>
    <dl>
      <Contact label="Controller" contact={record.controller} />
      <Contact label="Data protection officer" contact={record.privacyOfficer} />
      <Contact label="EU representative" contact={record.euRepresentative} />
    </dl>
    <h2>Purposes</h2>
    <table>
      <thead>
        <tr>
          <th>List</th>
          <th>Purpose</th>
          <th>Lawful basis</th>
          <th>Forms (notice versions)</th>
        </tr>
      </thead>
      <tbody>
        {record.purposes.map((p) => (
          <tr>
            <td>{p.name}</td>
            <td>{p.purpose}</td>
            <td>
              {p.lawfulBasis}
              {p.doubleOptIn ? ' (double opt-in)' : ''}
            </td>
            <td>
              {p.forms
                .map((f) => `${f.name} (${f.notices.map((n) => `${n.language} v${n.version}`).join(', ')})`)
                .join('; ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <h2>Data subjects and personal data</h2>
    <ul>
      {record.dataSubjects.map((d) => (
        <li>{d}</li>
      ))}
      {record.personalData.alwaysHeld.map((d) => (
        <li>{d}</li>
      ))}
      {record.personalData.profileFields.map((f) => (
        <li>
          profile field {f.label} ({f.key}, {f.type})
        </li>
      ))}
    </ul>
    <h2>Recipients</h2>
    <ul>
      {record.recipients.webhookHosts.map((h) => (
        <li>webhook endpoint at {h}</li>
      ))}
      {record.recipients.subProcessors.map((p) => (
        <li>
          {p.name} ({p.country}): {p.purpose}
        </li>
      ))}
      {record.recipients.webhookHosts.length + record.recipients.subProcessors.length === 0 ? (
        <li>none configured</li>
      ) : null}
    </ul>
    <h2>Storage and transfers</h2>
    <p>
      {record.storage.location}: {record.storage.meaning}.
    </p>
    <ul>
      {record.transfers.map((t) => (
        <li>
          {t.to}: {t.what} ({t.mechanism})
        </li>
      ))}
    </ul>
    <h2>Retention</h2>
    <table>
      <tbody>
        {record.retention.map((r) => (
          <tr>
            <td>{r.data}</td>
            <td>{r.period}</td>
            <td>{r.implementedBy}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <h2>Technical measures</h2>
    <table>
      <tbody>
        {record.technicalMeasures.map((m) => (
          <tr>
            <td>{m.measure}</td>
            <td>{m.detail}</td>
            <td>
              <code>{m.implementedBy}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </>
);

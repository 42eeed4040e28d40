import { Link } from 'wouter';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { flatLabel } from './flat-label.ts';
import { activeLeaks } from './model/leaks.ts';
import { meterDisplayName } from './model/overview.ts';
import { useFlatsOverview } from './use-flats-overview.ts';

/** Shown on every page while any leak sensor reads 1; names the flat and the meter. */
export function LeakBanner() {
  const { t } = useI18n();
  const { items } = useFlatsOverview();
  const leaks = activeLeaks(items);
  if (leaks.length === 0) return null;
  return (
    <div className="leak-banner" role="alert">
      <strong>
        <span className="alarm-icon" aria-hidden="true">
          !
        </span>{' '}
        {t('leak.bannerTitle')}
      </strong>
      <ul>
        {leaks.map((leak) => (
          <li key={`${leak.flat.id}-${leak.sensor.sn}-${leak.meter.sn}`}>
            <Link to={`/flats?flat=${leak.flat.id}`}>
              {t('leak.banner', { meter: meterDisplayName(leak.meter), flat: flatLabel(leak, t) })}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

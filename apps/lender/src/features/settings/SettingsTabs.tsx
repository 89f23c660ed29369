import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';

const tabs = [
  { value: '/settings', label: 'Your profile' },
  { value: '/settings/organization', label: 'Organization' },
] as const;

/** The two settings pages, as tabs that are links (each has its own address, reload keeps it). */
export function SettingsTabs() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = tabs.find((tab) => tab.value === pathname.replace(/\/+$/, ''))?.value ?? '/settings';
  return (
    <Tabs value={current} onChange={(value) => value && navigate(value)} aria-label="Settings sections">
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

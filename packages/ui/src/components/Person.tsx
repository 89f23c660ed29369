import { Avatar, Group, Text, Tooltip } from '@mantine/core';
import { displayName, initials } from '../people.ts';

export interface PersonLike {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  imageUrl?: string | null;
}

/**
 * Avatar, name and email on one line. Long names and emails are cut with an ellipsis (the cell
 * never grows past its column) and shown whole in a tooltip and to screen readers.
 */
export function Person({ person, maxWidth = 280 }: { person: PersonLike; maxWidth?: number | string }) {
  const name = displayName(person);
  const full = person.email && person.email !== name ? `${name} — ${person.email}` : name;
  return (
    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, maxWidth }}>
      <Avatar src={person.imageUrl || null} radius="xl" size="sm" color="brand" alt="">
        {initials(person)}
      </Avatar>
      <Tooltip label={full} openDelay={400} multiline maw={360} style={{ wordBreak: 'break-all' }}>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={600} truncate="end">
            {name}
          </Text>
          {person.email && person.email !== name && (
            <Text size="xs" c="dimmed" truncate="end">
              {person.email}
            </Text>
          )}
        </div>
      </Tooltip>
    </Group>
  );
}

-- A receipt e-mailed at the close of a visit carries the customer's feedback link, as a link of its own.
alter table feedback_links drop constraint feedback_links_channel_check;
alter table feedback_links add constraint feedback_links_channel_check check (channel in ('qr', 'email', 'receipt'));

# LemonLDAP::NG portal as one PSGI app for plackup: the portal itself plus its static files
# (Debian's /usr/share/lemonldap-ng/portal/htdocs/static and /usr/share/javascript), so a
# browser-like client sees a complete login page without a separate web server.
use strict;
use warnings;
use Plack::Builder;
use Plack::App::File;
use Lemonldap::NG::Portal::Main;

my $portal = Lemonldap::NG::Portal::Main->run( {} );
builder {
    mount '/static/'     => Plack::App::File->new( root => '/usr/share/lemonldap-ng/portal/htdocs/static' )->to_app;
    mount '/javascript/' => Plack::App::File->new( root => '/usr/share/javascript' )->to_app;
    mount '/'            => $portal;
};
